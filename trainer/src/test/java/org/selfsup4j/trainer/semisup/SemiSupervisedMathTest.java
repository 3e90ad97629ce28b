package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/** The pieces of the semi-supervised objective, against values computed by hand. */
class SemiSupervisedMathTest {
    /** The EMA's decay warms up as (1 + t) / (10 + t), capped at the configured decay. */
    @Test
    void emaDecayWarmsUp() {
        WeightEma ema = WeightEma.restore(0.999, new float[] {0f});
        assertEquals(0.1, ema.decayAt(0), 1e-12);
        assertEquals(2.0 / 11, ema.decayAt(1), 1e-12);
        assertEquals(2001.0 / 2010, ema.decayAt(2000), 1e-12);
        assertEquals(0.999, ema.decayAt(8991), 1e-12);
        assertEquals(0.999, ema.decayAt(100_000), 1e-12);
    }

    @Test
    void udaTargetIsTheSharpenedPredictionAndTheMaskUsesTheUnsharpenedOne() {
        float[] target = new float[3];
        float mask = ConsistencyTargets.uda(0.5, 0.8).target(new float[] {0.5f, 0.3f, 0.2f}, target);
        // T = 0.5: p^2 renormalised = (0.25, 0.09, 0.04) / 0.38
        assertArrayEquals(new float[] {0.25f / 0.38f, 0.09f / 0.38f, 0.04f / 0.38f}, target, 1e-6f);
        assertEquals(0f, mask, "top probability 0.5 does not pass 0.8");
        assertEquals(1f, ConsistencyTargets.uda(0.4, 0.8).target(new float[] {0.85f, 0.1f, 0.05f}, target));
        assertEquals(1f, target[0] + target[1] + target[2], 1e-6f);
    }

    @Test
    void fixMatchTargetIsTheHardPseudoLabelAtTheThreshold() {
        float[] target = new float[3];
        assertEquals(1f, ConsistencyTargets.fixMatch(0.95).target(new float[] {0.02f, 0.95f, 0.03f}, target));
        assertArrayEquals(new float[] {0, 1, 0}, target);
        assertEquals(0f, ConsistencyTargets.fixMatch(0.95).target(new float[] {0.9f, 0.05f, 0.05f}, target));
        assertArrayEquals(new float[] {1, 0, 0}, target);
    }

    @Test
    void tsaThresholdsFollowTheThreeSchedules() {
        assertEquals(0.5 * 0.9 + 0.1, TsaSchedule.LINEAR.threshold(50, 100, 10), 1e-12);
        assertEquals((1 - Math.exp(-2.5)) * 0.9 + 0.1, TsaSchedule.LOG.threshold(50, 100, 10), 1e-12);
        assertEquals(Math.exp(-2.5) * 0.9 + 0.1, TsaSchedule.EXP.threshold(50, 100, 10), 1e-12);
        assertEquals(1.0, TsaSchedule.LINEAR.threshold(100, 100, 10), 1e-12);
        assertEquals(0.1, TsaSchedule.LINEAR.threshold(0, 100, 10), 1e-12);
        assertEquals(1.0, TsaSchedule.NONE.threshold(0, 100, 10));
    }

    @Test
    void weightsTurnDl4jsBatchMeanIntoTheSemiSupervisedObjective() {
        Nd4j.getRandom().setSeed(4);
        int b = 3;
        int u = 5;
        INDArray logits = Nd4j.randn(DataType.DOUBLE, b + u, 4);
        double[][] targets = new double[b + u][4];
        for (int i = 0; i < b + u; i++) {
            double[] t = new double[4];
            if (i < b) {
                t[i % 4] = 1;
            } else {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    t[k] = 1 + i + k * k;
                    s += t[k];
                }
                for (int k = 0; k < 4; k++) {
                    t[k] /= s;
                }
            }
            targets[i] = t;
        }
        float[] tsa = {1, 0, 1};
        float[] mask = {1, 0, 1, 1, 0};
        double lambda = 0.7;
        INDArray labels = Nd4j.create(targets);
        float[] w = StepWeights.of(tsa, mask, lambda);
        INDArray weights = Nd4j.create(w, new long[] {b + u, 1}, 'c').castTo(DataType.DOUBLE);
        double dl4j = new LossMCXENT().computeScore(labels, logits, new ActivationSoftmax(), weights, true);

        INDArray probs = new ActivationSoftmax().getActivation(logits.dup(), false);
        double sup = 0;
        for (int i = 0; i < b; i++) {
            sup += tsa[i] * ce(targets[i], probs.getRow(i).toDoubleVector());
        }
        double cons = 0;
        for (int j = 0; j < u; j++) {
            cons += mask[j] * ce(targets[b + j], probs.getRow(b + j).toDoubleVector());
        }
        double expected = sup / 2 + lambda * cons / u;
        assertEquals(expected, dl4j, 1e-5 * Math.abs(expected));
        assertTrue(expected > 0);
    }

    static double ce(double[] t, double[] p) {
        double s = 0;
        for (int k = 0; k < t.length; k++) {
            s -= t[k] * Math.log(p[k]);
        }
        return s;
    }
}
