package org.selfsup4j.trainer.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.TrainedModel;
import org.selfsup4j.trainer.train.TrainingHistory;

/**
 * The folder one command leaves behind: {@code run.json} (command, configuration, seed, versions, data fingerprint,
 * split, status, results), {@code model.zip}, {@code metrics.csv} / {@code metrics.json}, and PNG plots. Every file is
 * written atomically; {@code run.json} says {@code "status": "running"} until the command completes, fails or is
 * interrupted, so a half-finished run is recognisable, and records the process (pid, host) and a heartbeat with the
 * step reached, so a run whose process died reads as crashed ({@link RunStatus}). A folder that already holds a run is
 * never overwritten; {@link #resume} reopens an unfinished one in place.
 */
public final class RunFolder {
    public static final String RUN_FILE = "run.json";
    public static final String MODEL_FILE = "model.zip";

    /** Seconds between two heartbeats at most. */
    static final int HEARTBEAT_SECONDS = 20;

    private final Path dir;
    private final Map<String, Object> record = new LinkedHashMap<>();
    private long lastBeat;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Creates the folder (or takes an empty existing one) and writes a first run.json for {@code command}; a folder
     * holding anything already is refused, so no file of someone else's is ever overwritten.
     */
    public static RunFolder create(Path dir, String command, Map<String, Object> config) {
        try {
            if (Files.exists(dir.resolve(RUN_FILE))) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Output folder " + dir
                        + " already holds a run (run.json); choose another --out or delete it", dir.toString(), List.of(), null);
            }
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Output path " + dir + " is a file, not a folder",
                        dir.toString(), List.of(), null);
            }
            if (Files.isDirectory(dir)) {
                try (var entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Output folder " + dir + " is not empty; a run "
                                + "needs an empty or new folder (nothing in it is overwritten): choose another --out",
                                dir.toString(), List.of(), null);
                    }
                }
            }
            Files.createDirectories(dir);
            return start(dir, command, config, null);
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot create run folder " + dir + ": " + e.getMessage(),
                    dir.toString(), List.of(), e);
        }
    }

    /**
     * Reopens the unfinished run in {@code dir} (status running with its process gone, crashed, interrupted or
     * failed) for {@code command} to continue in place; refuses a completed run, a run of another command and a run
     * whose process is still alive.
     */
    public static RunFolder resume(Path dir, String command, Map<String, Object> config) {
        RunStatus status = RunStatus.read(dir);
        if (!status.command().equals(command)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, dir + " is a " + status.command() + " run, not a " + command
                    + " run", status.command(), List.of(command), null);
        }
        switch (status.state()) {
            case "completed" -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Run " + dir
                    + " has completed: there is nothing to resume", dir.toString(), List.of(), null);
            case "running" -> throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Run " + dir + " is still running (process "
                    + status.pid() + " on " + status.host() + "); stop it first", dir.toString(), List.of(), null);
            default -> {
                // crashed, interrupted or failed: continue it
            }
        }
        try {
            return start(dir, command, config, status.state());
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot reopen run folder " + dir + ": " + e.getMessage(),
                    dir.toString(), List.of(), e);
        }
    }

    private static RunFolder start(Path dir, String command, Map<String, Object> config, String resumedFrom)
            throws IOException {
        RunFolder run = new RunFolder(dir);
        run.record.put("command", command);
        run.record.put("status", "running");
        run.record.put("started", Instant.now().toString());
        if (resumedFrom != null) {
            run.record.put("resumed_from", resumedFrom);
        }
        run.record.put("process", RunStatus.thisProcess());
        run.record.put("config", config);
        run.record.put("versions", versions());
        run.flush();
        return run;
    }

    /**
     * Records the step reached and its loss with the time (the heartbeat {@code selfsup runs} reads), at most once
     * every {@code HEARTBEAT_SECONDS}; errors writing it are ignored (the next heartbeat or the end retries).
     */
    public void heartbeat(long step, long steps, double loss) {
        long now = System.nanoTime();
        if (lastBeat != 0 && now - lastBeat < HEARTBEAT_SECONDS * 1_000_000_000L && step < steps) {
            return;
        }
        lastBeat = now;
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("step", step);
        progress.put("steps", steps);
        progress.put("loss", loss);
        progress.put("heartbeat", Instant.now().toString());
        record.put("progress", progress);
        try {
            flush();
        } catch (IOException e) {
            // best effort: the run goes on
        }
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Adds or replaces a top-level entry of run.json and rewrites it. */
    public void put(String key, Object value) throws IOException {
        record.put(key, value);
        flush();
    }

    public void saveModel(TrainedModel model) throws IOException {
        ModelStore.save(model, file(MODEL_FILE));
        put("model", MODEL_FILE);
    }

    /** metrics.csv (step, loss) and a training-curve PNG. */
    public void writeHistory(String name, TrainingHistory history) throws IOException {
        StringBuilder csv = new StringBuilder("step,loss\n");
        List<Double> losses = history.losses();
        for (int i = 0; i < losses.size(); i++) {
            csv.append(i + 1).append(',').append(losses.get(i)).append('\n');
        }
        AtomicFiles.writeString(file(name + "-metrics.csv"), csv.toString());
        Plots.trainingCurve(losses, name + ": training loss per step", file(name + "-curve.png"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", history.steps());
        summary.put("final_loss_mean_last_50", history.meanOfLast(50));
        summary.put("seconds", history.seconds());
        summary.put("data_wait_share", history.dataWaitShare());
        summary.put("stopped_early", history.stoppedEarly());
        put(name, summary);
    }

    /** metrics.json and a confusion-matrix PNG. */
    public void writeEvaluation(String name, EvaluationReport report) throws IOException {
        AtomicFiles.writeString(file(name + "-metrics.json"), Json.write(report.toMap()));
        Plots.confusionMatrix(report.confusion(), report.classNames(),
                String.format("%s: accuracy %.4f, balanced %.4f, macro-F1 %.4f", name, report.accuracy(),
                        report.balancedAccuracy(), report.macroF1()), file(name + "-confusion.png"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("accuracy", report.accuracy());
        summary.put("balanced_accuracy", report.balancedAccuracy());
        summary.put("macro_f1", report.macroF1());
        summary.put("examples", report.total());
        put(name, summary);
    }

    public void finish(String status) throws IOException {
        record.put("status", status);
        record.put("finished", Instant.now().toString());
        flush();
    }

    private void flush() throws IOException {
        AtomicFiles.writeString(dir.resolve(RUN_FILE), Json.write(record));
    }

    static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("selfsup4j", String.valueOf(RunFolder.class.getPackage().getImplementationVersion()));
        v.put("deeplearning4j", "1.0.0-M2.1");
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        v.put("nd4j", FastPath.describe());
        return v;
    }
}
