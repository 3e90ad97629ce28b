package org.selfsup4j.trainer.semisup;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of a network's parameters, ema ← d · ema + (1 − d) · θ after every step, as UDA and
 * FixMatch evaluate, with the decay warmed up as TensorFlow's {@code ExponentialMovingAverage(num_updates)} does:
 * d = min(decay, (1 + t) / (10 + t)) after step t (0-based). Without it a 0.999 average of a 2,000-step run still
 * carries e^-2 = 14 % of the initial weights and lags the trained ones (it scored 1.5 to 5.7 points below the raw
 * weights in every run the label-efficiency issue measured); with it the average covers about the last 10 % of any
 * run shorter than ~9,000 steps and reaches {@code decay} after that. DL4J keeps batch-norm running statistics among
 * the parameters, so they are averaged too.
 */
public final class WeightEma {
    private final double decay;
    private final INDArray average;

    public WeightEma(ComputationGraph graph, double decay) {
        this(decay, graph.params().dup());
    }

    private WeightEma(double decay, INDArray average) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
        this.average = average;
    }

    /** The average as a checkpoint holds it. */
    static WeightEma restore(double decay, float[] average) {
        return new WeightEma(decay, Nd4j.create(average, new long[] {1, average.length}, 'c'));
    }

    /** The average's values, for a checkpoint. */
    float[] averageAsFloats() {
        return average.dup().data().asFloat();
    }

    /** Folds in {@code graph}'s parameters after step {@code step} (0-based). */
    public void update(ComputationGraph graph, long step) {
        double d = decayAt(step);
        average.muli(d).addi(graph.params().mul(1 - d));
    }

    /** The decay used after step {@code step}: min(decay, (1 + step) / (10 + step)). */
    double decayAt(long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /** A copy of {@code graph} carrying the averaged parameters. */
    public ComputationGraph averagedCopy(ComputationGraph graph) {
        ComputationGraph copy = graph.clone();
        copy.setParams(average.dup());
        return copy;
    }
}
