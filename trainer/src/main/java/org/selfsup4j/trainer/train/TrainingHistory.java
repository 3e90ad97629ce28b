package org.selfsup4j.trainer.train;

import java.util.ArrayList;
import java.util.List;

/** What a training run did: the loss after each step, the wall time, how long it waited for data, whether it stopped early. */
public final class TrainingHistory {
    private final List<Double> losses = new ArrayList<>();
    private long elapsedNanos;
    private long dataWaitNanos;
    private boolean stoppedEarly;

    void add(double loss) {
        losses.add(loss);
    }

    void finish(long elapsedNanos, long dataWaitNanos, boolean stoppedEarly) {
        this.elapsedNanos = elapsedNanos;
        this.dataWaitNanos = dataWaitNanos;
        this.stoppedEarly = stoppedEarly;
    }

    public List<Double> losses() {
        return List.copyOf(losses);
    }

    public int steps() {
        return losses.size();
    }

    public double lastLoss() {
        return losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1);
    }

    /** Mean loss of the last {@code n} steps (fewer if there are fewer). */
    public double meanOfLast(int n) {
        int from = Math.max(0, losses.size() - n);
        return losses.subList(from, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    /** Share of the wall time the training thread spent waiting for batches. */
    public double dataWaitShare() {
        return elapsedNanos == 0 ? 0 : (double) dataWaitNanos / elapsedNanos;
    }

    public boolean stoppedEarly() {
        return stoppedEarly;
    }
}
