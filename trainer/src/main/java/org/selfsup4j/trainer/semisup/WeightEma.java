package org.selfsup4j.trainer.semisup;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An exponential moving average of a network's parameters, ema ← decay · ema + (1 − decay) · θ after every step,
 * as UDA and FixMatch evaluate. DL4J keeps batch-norm running statistics among the parameters, so they are averaged
 * too.
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

    public void update(ComputationGraph graph) {
        average.muli(decay).addi(graph.params().mul(1 - decay));
    }

    /** A copy of {@code graph} carrying the averaged parameters. */
    public ComputationGraph averagedCopy(ComputationGraph graph) {
        ComputationGraph copy = graph.clone();
        copy.setParams(average.dup());
        return copy;
    }
}
