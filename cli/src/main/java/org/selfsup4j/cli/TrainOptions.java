package org.selfsup4j.cli;

import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Option;

/** The optimisation options shared by the training commands. */
final class TrainOptions {
    @Option(names = "--steps", description = "training steps (batches)")
    Integer steps;

    @Option(names = "--batch", description = "batch size (images per step)")
    Integer batch;

    @Option(names = "--optimizer", description = "adam | sgd (SGD with Nesterov momentum 0.9)")
    String optimizer;

    @Option(names = "--lr", description = "learning rate")
    Double lr;

    @Option(names = "--weight-decay", description = "decoupled weight decay")
    Double weightDecay;

    @Option(names = "--seed", defaultValue = "42", description = "seed for weights, batches, augmentation and splits (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--workers", defaultValue = "1", description = "threads that make batches ahead of training (default: ${DEFAULT-VALUE})")
    int workers;

    /** The settings, starting from {@code base} for anything not given. */
    TrainingSettings settings(TrainingSettings base) {
        TrainingSettings s = base.optSeed(seed).optWorkers(workers);
        if (steps != null) {
            s = s.optSteps(steps);
        }
        if (batch != null) {
            s = s.optBatchSize(batch);
        }
        if (optimizer != null) {
            s = s.optOptimizer(optimizer);
        }
        if (lr != null) {
            s = s.optLearningRate(lr);
        }
        if (weightDecay != null) {
            s = s.optWeightDecay(weightDecay);
        }
        return s;
    }
}
