package org.selfsup4j.trainer.train;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.data.BatchProducer;
import org.selfsup4j.trainer.data.PrefetchingIterator;

/**
 * Runs {@code settings.steps()} training steps of a network on batches from a producer, made ahead on worker threads,
 * through DL4J's own {@code fit}. Stops after the current step when the {@link StopSignal} is raised; stops at once,
 * with {@link org.selfsup4j.core.ErrorCode#TRAINING_DIVERGED}, when a loss or the weights are not finite
 * ({@link DivergenceGuard}); writes {@link Checkpoints} as it goes and can start from one: batches are a pure function
 * of their index, so a resumed run sees exactly the batches an uninterrupted one would.
 */
public final class TrainingLoop {
    private static final int PREFETCH_DEPTH = 4;
    private static final String LOSSES = "losses";

    private final TrainingSettings settings;
    private final StepListener listener;
    private final StopSignal stop;
    private final Checkpoints checkpoints;

    public TrainingLoop(TrainingSettings settings, StepListener listener, StopSignal stop, Checkpoints checkpoints) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.listener = Objects.requireNonNull(listener, "listener is null");
        this.stop = Objects.requireNonNull(stop, "stop is null");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints is null");
    }

    /** The network that was trained (the fresh one, or the one restored from a checkpoint) and its history. */
    public record Outcome(ComputationGraph graph, TrainingHistory history) {
    }

    /** Trains {@code graph} from step 0. */
    public TrainingHistory run(ComputationGraph graph, BatchProducer producer) {
        return run(graph, producer, 0, List.of(), 0);
    }

    /**
     * Continues from the newest checkpoint if there is one (whose network must have {@code fresh}'s parameter count),
     * else trains {@code fresh} from step 0.
     */
    public Outcome runOrResume(ComputationGraph fresh, BatchProducer producer) {
        var saved = checkpoints.latestFor(fresh, settings.steps());
        if (saved.isEmpty()) {
            return new Outcome(fresh, run(fresh, producer));
        }
        Checkpoints.Saved s = saved.get();
        double[] losses = s.get(LOSSES);
        return new Outcome(s.graph(), run(s.graph(), producer, s.step(),
                Arrays.stream(losses).boxed().toList(), s.seconds()));
    }

    private static Map<String, Serializable> state(TrainingHistory history) {
        return Map.of(LOSSES, history.losses().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private TrainingHistory run(ComputationGraph graph, BatchProducer producer, int startStep, List<Double> priorLosses,
                                double priorSeconds) {
        TrainingHistory history = new TrainingHistory();
        priorLosses.forEach(history::add);
        long total = settings.steps();
        long start = System.nanoTime() - (long) (priorSeconds * 1e9);
        BaseTrainingListener recorder = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                double loss = model.score();
                history.add(loss);
                DivergenceGuard.check(graph, history.steps(), loss, settings.learningRate(), checkpoints::describeLatest);
                double seconds = (System.nanoTime() - start) / 1e9;
                listener.stepDone(history.steps(), total, loss, System.nanoTime() - start);
                if (history.steps() < total) {
                    checkpoints.maybeSave(graph, history.steps(), seconds, () -> state(history));
                }
            }
        };
        FastPath.install(graph);
        graph.addListeners(recorder);
        try (PrefetchingIterator batches = new PrefetchingIterator(producer, startStep, total - startStep,
                settings.batchSize(), settings.workers(), PREFETCH_DEPTH, stop::isRequested)) {
            graph.fit(batches);
            history.finish(System.nanoTime() - start, batches.waitNanos(), history.steps() < total);
            if (history.stoppedEarly()) {
                checkpoints.save(graph, history.steps(), history.seconds(), state(history));   // --resume goes on here
            }
        } finally {
            graph.getListeners().remove(recorder);
        }
        return history;
    }
}
