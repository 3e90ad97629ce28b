package org.selfsup4j.trainer.train;

/** Told after every training step; called on the training thread, so it must be quick. */
@FunctionalInterface
public interface StepListener {
    /** {@code step} counts from 1 to {@code totalSteps}; {@code loss} is the step's training loss. */
    void stepDone(long step, long totalSteps, double loss, long elapsedNanos);

    static StepListener none() {
        return (step, total, loss, elapsed) -> { };
    }
}
