package org.selfsup4j.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * How long and how to optimise: number of steps (batches), batch size, optimiser ({@code adam}, or {@code sgd} =
 * SGD with Nesterov momentum 0.9), learning rate, decoupled weight decay, seed, and how many worker threads make
 * batches. Immutable; {@code optX} methods return a changed copy.
 */
public record TrainingSettings(int steps, int batchSize, String optimizer, double learningRate, double weightDecay,
                               long seed, int workers) {
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");

    public TrainingSettings {
        if (steps <= 0) {
            throw bad("steps", steps, "a positive number (0 steps would save an untrained model)");
        }
        if (batchSize <= 0) {
            throw bad("batch size", batchSize, "a positive number");
        }
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown optimizer [" + optimizer + "], known: "
                    + OPTIMIZERS, optimizer, OPTIMIZERS, null);
        }
        if (!(learningRate > 0)) {
            throw bad("learning rate", learningRate, "a positive number");
        }
        if (weightDecay < 0) {
            throw bad("weight decay", weightDecay, "a number >= 0");
        }
        if (workers <= 0) {
            throw bad("workers", workers, "a positive number");
        }
    }

    /** 1,000 steps of 128 with Adam at 1e-3, weight decay 0, seed 42, one batch worker. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(1000, 128, "adam", 1e-3, 0, 42, 1);
    }

    public TrainingSettings optSteps(int v) {
        return new TrainingSettings(v, batchSize, optimizer, learningRate, weightDecay, seed, workers);
    }

    public TrainingSettings optBatchSize(int v) {
        return new TrainingSettings(steps, v, optimizer, learningRate, weightDecay, seed, workers);
    }

    public TrainingSettings optOptimizer(String v) {
        return new TrainingSettings(steps, batchSize, v, learningRate, weightDecay, seed, workers);
    }

    public TrainingSettings optLearningRate(double v) {
        return new TrainingSettings(steps, batchSize, optimizer, v, weightDecay, seed, workers);
    }

    public TrainingSettings optWeightDecay(double v) {
        return new TrainingSettings(steps, batchSize, optimizer, learningRate, v, seed, workers);
    }

    public TrainingSettings optSeed(long v) {
        return new TrainingSettings(steps, batchSize, optimizer, learningRate, weightDecay, v, workers);
    }

    public TrainingSettings optWorkers(int v) {
        return new TrainingSettings(steps, batchSize, optimizer, learningRate, weightDecay, seed, v);
    }

    /** The DL4J updater for these settings. */
    public IUpdater updater() {
        return optimizer.equals("sgd") ? new Nesterovs(learningRate, 0.9) : new Adam(learningRate);
    }

    /** For run.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("batch_size", batchSize);
        m.put("optimizer", optimizer);
        m.put("learning_rate", learningRate);
        m.put("weight_decay", weightDecay);
        m.put("seed", seed);
        m.put("workers", workers);
        return m;
    }

    private static SelfSupException bad(String what, Object value, String expected) {
        return new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad " + what + " [" + value + "], expected " + expected,
                String.valueOf(value), List.of(), null);
    }
}
