package org.selfsup4j.trainer.train;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.run.AtomicFiles;

/**
 * A run's checkpoints: every {@code everySteps} steps and whenever {@code every} has passed since the last one, the
 * network with its updater state, the step reached, the seconds trained and the loop's own state (the losses so far;
 * for semi-supervised runs also the weight average and the per-step history), as
 * {@code checkpoints/step-NNNNNNNN.zip} (a DL4J model zip plus one serialised entry), written to a temporary file and
 * renamed, so a kill at any moment leaves whole checkpoints only. The last two are kept. With batches a pure function
 * of seed and index, the step is all the data stream needs to continue where it stopped.
 */
public final class Checkpoints {
    public static final String FOLDER = "checkpoints";
    /** The one extra zip entry: a map of the step, the seconds and the loop's state. */
    static final String STATE_ENTRY = "selfsup4j-checkpoint";
    private static final String STEP = "step";
    private static final String SECONDS = "seconds";
    private static final int KEEP = 2;

    /** What a checkpoint restores. */
    public record Saved(ComputationGraph graph, int step, double seconds, Map<String, Object> state, Path file) {
        /** State entry {@code key}, as it was saved. */
        @SuppressWarnings("unchecked")
        public <T> T get(String key) {
            Object v = state.get(key);
            if (v == null) {
                throw new SelfSupException(ErrorCode.BAD_MODEL, "Checkpoint " + file + " has no [" + key + "] entry: it was "
                        + "written by another kind of run", key, List.copyOf(state.keySet()), null);
            }
            return (T) v;
        }
    }

    private final Path dir;
    private final int everySteps;
    private final long everyNanos;
    private final boolean enabled;
    private long lastNanos = System.nanoTime();
    private int lastStep;

    /** Checkpoints in {@code runDir/checkpoints}; {@code everySteps} 0 = by time only. */
    public Checkpoints(Path runDir, int everySteps, Duration every) {
        this(Objects.requireNonNull(runDir, "runDir is null").resolve(FOLDER), everySteps, every.toNanos(), true);
        if (everySteps < 0 || every.isNegative() || every.isZero()) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Checkpoint intervals must be >= 0 steps and > 0 minutes, got "
                    + everySteps + " steps and " + every, String.valueOf(everySteps), List.of(), null);
        }
    }

    private Checkpoints(Path dir, int everySteps, long everyNanos, boolean enabled) {
        this.dir = dir;
        this.everySteps = everySteps;
        this.everyNanos = everyNanos;
        this.enabled = enabled;
    }

    /** No checkpoints: for code that does not want them (tests, quick runs). */
    public static Checkpoints none() {
        return new Checkpoints(Path.of(FOLDER), 0, Long.MAX_VALUE, false);
    }

    /** Saves (with the state {@code state} gives) if a step or time interval has passed since the last save. */
    public void maybeSave(ComputationGraph graph, int step, double seconds, Supplier<Map<String, Serializable>> state) {
        if (!enabled) {
            return;
        }
        boolean bySteps = everySteps > 0 && step - lastStep >= everySteps;
        boolean byTime = System.nanoTime() - lastNanos >= everyNanos;
        if (bySteps || byTime) {
            save(graph, step, seconds, state.get());
        }
    }

    /** Writes a checkpoint for {@code step} now and drops all but the newest two. */
    public void save(ComputationGraph graph, int step, double seconds, Map<String, Serializable> state) {
        if (!enabled) {
            return;
        }
        Path file = dir.resolve(String.format("step-%08d.zip", step));
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file, tmp -> {
                ModelSerializer.writeModel(graph, tmp.toFile(), true);
                HashMap<String, Serializable> entry = new HashMap<>(state);
                entry.put(STEP, step);
                entry.put(SECONDS, seconds);
                ModelSerializer.addObjectToFile(tmp.toFile(), STATE_ENTRY, entry);   // one rewrite of the zip
            });
            List<Path> all = list();
            for (int i = 0; i < all.size() - KEEP; i++) {
                Files.deleteIfExists(all.get(i));
            }
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot write checkpoint " + file + ": " + e, file.toString(),
                    List.of(), e);
        }
        lastStep = step;
        lastNanos = System.nanoTime();
    }

    /** The newest checkpoint, if any. */
    public Optional<Saved> latest() {
        if (!enabled) {
            return Optional.empty();
        }
        List<Path> all = list();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path file = all.get(all.size() - 1);
        FastPath.enable();
        try {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), true);
            Map<String, Object> state = new HashMap<>(ModelSerializer.<Map<String, Object>>getObjectFromFile(file.toFile(),
                    STATE_ENTRY));
            int step = (Integer) state.remove(STEP);
            double seconds = (Double) state.remove(SECONDS);
            graph.getConfiguration().setIterationCount(step);
            lastStep = step;
            return Optional.of(new Saved(graph, step, seconds, state, file));
        } catch (IOException | RuntimeException e) {
            throw new SelfSupException(ErrorCode.BAD_MODEL, "Cannot read checkpoint " + file + ": " + e.getMessage(),
                    file.toString(), List.of(), e);
        }
    }

    /**
     * The newest checkpoint for a run training {@code fresh} for {@code steps} steps, if any; one written by another
     * network (a different parameter count) or for a shorter run is an error naming it.
     */
    public Optional<Saved> latestFor(ComputationGraph fresh, int steps) {
        Optional<Saved> saved = latest();
        saved.ifPresent(s -> {
            if (s.graph().numParams() != fresh.numParams() || s.step() > steps) {
                throw new SelfSupException(ErrorCode.BAD_MODEL, "Checkpoint " + s.file() + " (" + s.graph().numParams()
                        + " parameters, step " + s.step() + ") does not belong to this run (" + fresh.numParams()
                        + " parameters, " + steps + " steps)", s.file().toString(), List.of(), null);
            }
        });
        return saved;
    }

    /** Where the newest checkpoint is, for messages: "the last checkpoint (step N) is in F", or that there is none. */
    public String describeLatest() {
        if (!enabled) {
            return "checkpoints are off.";
        }
        List<Path> all = list();
        return all.isEmpty() ? "no checkpoint had been written yet." : "the last good checkpoint is "
                + all.get(all.size() - 1) + ".";
    }

    private List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}\\.zip")).sorted().toList();
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot list checkpoints in " + dir + ": " + e, dir.toString(),
                    List.of(), e);
        }
    }
}
