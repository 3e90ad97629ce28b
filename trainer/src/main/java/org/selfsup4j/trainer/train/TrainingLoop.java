package org.selfsup4j.trainer.train;

import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.selfsup4j.trainer.data.BatchProducer;
import org.selfsup4j.trainer.data.PrefetchingIterator;

/**
 * Runs {@code settings.steps()} training steps of a network on batches from a producer, made ahead on worker threads,
 * through DL4J's own {@code fit}. Stops after the current step when the {@link StopSignal} is raised.
 */
public final class TrainingLoop {
    private static final int PREFETCH_DEPTH = 4;

    private final TrainingSettings settings;
    private final StepListener listener;
    private final StopSignal stop;

    public TrainingLoop(TrainingSettings settings, StepListener listener, StopSignal stop) {
        this.settings = Objects.requireNonNull(settings, "settings is null");
        this.listener = Objects.requireNonNull(listener, "listener is null");
        this.stop = Objects.requireNonNull(stop, "stop is null");
    }

    public TrainingHistory run(ComputationGraph graph, BatchProducer producer) {
        TrainingHistory history = new TrainingHistory();
        long total = settings.steps();
        long start = System.nanoTime();
        BaseTrainingListener recorder = new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                double loss = model.score();
                history.add(loss);
                listener.stepDone(history.steps(), total, loss, System.nanoTime() - start);
            }
        };
        graph.addListeners(recorder);
        try (PrefetchingIterator batches = new PrefetchingIterator(producer, 0, total, settings.batchSize(),
                settings.workers(), PREFETCH_DEPTH, stop::isRequested)) {
            graph.fit(batches);
            history.finish(System.nanoTime() - start, batches.waitNanos(), history.steps() < total);
        } finally {
            graph.getListeners().remove(recorder);
        }
        return history;
    }

}
