package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.data.Seeds;

/**
 * MixMatch's parts against values computed by hand, and its step's gradient against finite differences (DL4J's
 * gradient check in double precision on a network shaped like the trainer's: features → head → two loss outputs).
 */
@ExtendWith(DoublePrecision.class)
class MixMatchTest {
    @Test
    void theGuessIsTheMeanOfBothViewsSharpened() {
        float[] q = new float[3];
        MixMatch.guess(new float[] {0.6f, 0.3f, 0.1f}, new float[] {0.4f, 0.5f, 0.1f}, 0.5, q);
        // mean (0.5, 0.4, 0.1); T = 0.5 squares it: (0.25, 0.16, 0.01) / 0.42
        assertArrayEquals(new float[] {0.25f / 0.42f, 0.16f / 0.42f, 0.01f / 0.42f}, q, 1e-6f);
        MixMatch.guess(new float[] {0.6f, 0.3f, 0.1f}, new float[] {0.4f, 0.5f, 0.1f}, 1.0, q);
        assertArrayEquals(new float[] {0.5f, 0.4f, 0.1f}, q, 1e-6f);
        MixMatch.guess(new float[] {1f, 0f}, new float[] {1f, 0f}, 0.05, q);   // zeros and a tiny T: no NaN
        assertEquals(1f, q[0], 1e-6f);
        assertEquals(0f, q[1], 1e-6f);
    }

    @Test
    void mixingCoefficientsAreBetaDrawsFoldedAboveOneHalf() {
        Random random = new Random(3);
        int n = 200_000;
        double alpha = 0.75;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double b = MixMatch.beta(random, alpha);
            assertTrue(b >= 0 && b <= 1);
            sum += b;
            sumSq += b * b;
        }
        double mean = sum / n;
        double variance = sumSq / n - mean * mean;
        assertEquals(0.5, mean, 0.003, "Beta(a, a) has mean 1/2");
        assertEquals(1 / (4 * (2 * alpha + 1)), variance, 0.002, "and variance 1 / (4 (2a + 1)) = 0.1");
        double folded = 0;
        for (int i = 0; i < n; i++) {
            double l = MixMatch.mixCoefficient(random, alpha);
            assertTrue(l >= 0.5 && l <= 1, "lambda' = max(lambda, 1 - lambda)");
            folded += l;
        }
        // E[max(L, 1 - L)] for Beta(0.75, 0.75): 0.7782 (numerical integral of the density; numpy's beta draws agree)
        assertEquals(0.7782, folded / n, 0.003);
        for (double shape : new double[] {0.4, 2.5}) {
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += MixMatch.gamma(random, shape);
            }
            assertEquals(shape, g / n, 0.01 * Math.max(1, shape), "Gamma(k, 1) has mean k");
        }
    }

    @Test
    void mixUpCombinesEachRowWithItsPartnerByHand() {
        INDArray inputs = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {3, 1, 1, 2}, 'c');
        INDArray targets = Nd4j.create(new double[][] {{1, 0}, {0, 1}, {0.3, 0.7}});
        MixMatch.Mixed m = MixMatch.mix(inputs, targets, new int[] {2, 0, 1}, new double[] {0.9, 0.6, 1.0});
        assertArrayEquals(new long[] {3, 1, 1, 2}, m.inputs().shape());
        // row 0: 0.9 (1, 2) + 0.1 (5, 6); row 1: 0.6 (3, 4) + 0.4 (1, 2); row 2: itself
        assertArrayEquals(new double[] {1.4, 2.4, 2.2, 3.2, 5, 6}, m.inputs().data().asDouble(), 1e-6);
        assertArrayEquals(new double[] {0.93, 0.07}, m.targets().getRow(0).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {0.4, 0.6}, m.targets().getRow(1).toDoubleVector(), 1e-6);
        assertArrayEquals(new double[] {0.3, 0.7}, m.targets().getRow(2).toDoubleVector(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> MixMatch.mix(inputs, targets, new int[] {0, 1}, new double[] {1, 1}));
    }

    @Test
    void theShuffleIsASeededPermutation() {
        int[] p = Seeds.permutation(50, Seeds.stream(1, 7, 4));
        assertArrayEquals(p, Seeds.permutation(50, Seeds.stream(1, 7, 4)));
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertTrue(!Arrays.equals(p, Seeds.permutation(50, Seeds.stream(1, 7, 5))));
    }

    /** B = 2 mixed labeled rows, then 3 mixed unlabeled rows, with soft targets. */
    static final INDArray INPUT = FeatureConsistencyTest.INPUT;
    static final INDArray TARGETS = FeatureConsistencyTest.LABELS;

    @Test
    void theObjectiveIsMeanCrossEntropyPlusLambdaTimesTheMeanSquaredError() {
        ComputationGraph g = MixMatch.withOutput(FeatureConsistencyTest.classifier());
        double lambdaU = 7.5;
        INDArray p = g.output(false, INPUT)[0];
        double ce = 0;
        for (int i = 0; i < 2; i++) {
            ce += SemiSupervisedMathTest.ce(TARGETS.getRow(i).toDoubleVector(), p.getRow(i).toDoubleVector()) / 2;
        }
        double l2 = 0;
        for (int j = 2; j < 5; j++) {
            for (int c = 0; c < 3; c++) {
                double d = TARGETS.getDouble(j, c) - p.getDouble(j, c);
                l2 += d * d / 3 / 3;   // mean over the 3 classes and the 3 unlabeled rows
            }
        }
        assertArrayEquals(p.data().asDouble(), g.output(false, INPUT)[1].data().asDouble(), 1e-12,
                "both outputs are the softmax of the same logits");
        MultiDataSet data = new MultiDataSet(new INDArray[] {INPUT}, new INDArray[] {TARGETS, TARGETS}, null,
                cast(MixMatch.weights(2, 3, lambdaU)));
        assertEquals(ce + lambdaU * l2, g.score(data), 1e-9);
        assertTrue(l2 > 0 && ce > 0);
    }

    @Test
    void gradientEqualsFiniteDifferencesOfTheObjective() {
        ComputationGraph g = MixMatch.withOutput(FeatureConsistencyTest.classifier());
        INDArray[] masks = cast(MixMatch.weights(2, 3, 7.5));
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(g)
                .inputs(new INDArray[] {INPUT}).labels(new INDArray[] {TARGETS, TARGETS}).labelMask(masks)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)));
    }

    @Test
    void theExtraOutputIsRemovedAndTheClassifierKeepsItsWeights() {
        ComputationGraph g = MixMatch.withOutput(FeatureConsistencyTest.classifier());
        assertEquals(2, g.getNumOutputArrays());
        ComputationGraph back = MixMatch.withoutOutput(g);
        assertNull(back.getVertex(MixMatch.OUTPUT));
        assertEquals(1, back.getNumOutputArrays());
        assertEquals(g.params(), back.params());
        assertEquals(FeatureConsistencyTest.classifier().outputSingle(false, INPUT), back.outputSingle(false, INPUT));
    }

    @Test
    void lambdaRampsUpOverTheFirstShareOfTheSteps() {
        SemiSupervisedSettings s = SemiSupervisedSettings.mixMatch().optSteps(6400);
        assertEquals(0.0, s.lambdaAt(0), 1e-12);
        assertEquals(50.0, s.lambdaAt(1280), 1e-12, "0.4 of 6,400 steps = 2,560 steps of ramp");
        assertEquals(100.0, s.lambdaAt(2560), 1e-12);
        assertEquals(100.0, s.lambdaAt(6000), 1e-12);
        assertEquals(100.0, s.optRampup(0).lambdaAt(0), 1e-12);
        SemiSupervisedSettings paper = s.optLambda(75).optRampup(1.0 / 64);
        assertEquals(37.5, paper.lambdaAt(50), 1e-12, "1/64 of 6,400 steps = 100 steps of ramp");
        assertEquals(75.0, paper.lambdaAt(100), 1e-12);
        assertEquals(1.0, SemiSupervisedSettings.uda().lambdaAt(0), 1e-12, "UDA's weight is constant");
        assertEquals(64, s.labeledBatch());
        assertEquals(64, s.unlabeledBatch());
        assertEquals(0.5, s.toMap().get("mixup_alpha"));
        assertEquals(0.5, s.toMap().get("temperature"));
        assertTrue(s.distributionAlignment(), "MixMatch aligns its guesses by default");
        assertTrue(!SemiSupervisedSettings.uda().distributionAlignment() && !SemiSupervisedSettings.fixMatch()
                .distributionAlignment(), "UDA and FixMatch keep their papers' targets");
    }

    @Test
    void badMixMatchSettingsAreRefused() {
        SemiSupervisedSettings s = SemiSupervisedSettings.mixMatch();
        assertTrue(assertThrows(SelfSupException.class, () -> s.optMixupAlpha(0)).getMessage().contains("MixUp alpha"));
        assertTrue(assertThrows(SelfSupException.class, () -> s.optRampup(1.5)).getMessage().contains("ramp-up"));
        assertTrue(assertThrows(SelfSupException.class, () -> s.optTemperature(0)).getMessage().contains("temperature"));
        assertTrue(assertThrows(SelfSupException.class,
                () -> s.optFeatureConsistency(1, FeatureConsistency.Distance.MSE)).getMessage().contains("feature-consistency"));
    }

    private static INDArray[] cast(INDArray[] a) {
        return new INDArray[] {a[0].castTo(DataType.DOUBLE), a[1].castTo(DataType.DOUBLE)};
    }
}
