package org.selfsup4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.SslLoss;

/** NT-Xent: a hand-computed two-pair value, DL4J's gradient check in double precision, weights, and bad batches. */
class NtXentLossTest {
    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void singlePrecision() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Rows 0, 1 are views of image 0 and rows 2, 3 of image 1; rows are scaled, which the normalisation removes. */
    static final double[][] VIEWS = {{2, 0}, {0.3, 0.4}, {0, 5}, {-1, 0}};
    static final double[][] IDS = {{0}, {0}, {1}, {1}};

    /**
     * With z = (1,0), (0.6,0.8), (0,1), (−1,0) and τ = 0.5: s = z·z'/τ, e.g. row 0: s01 = 1.2, s02 = 0, s03 = −2, so
     * ℓ0 = log(e^1.2 + e^0 + e^−2) − 1.2 = 0.294129; likewise ℓ1 = 0.948774, ℓ2 = 1.939178, ℓ3 = 0.362230
     * (worked out by hand with a calculator, then in Python).
     */
    @Test
    void twoPairValueIsTheHandComputedOne() {
        NtXentLoss loss = new NtXentLoss(0.5);
        INDArray scores = loss.computeScoreArray(Nd4j.create(IDS), Nd4j.create(VIEWS), new ActivationIdentity(), null);
        double[] expected = {0.2941285610, 0.9487744372, 1.9391778845, 0.3622301319};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], scores.getDouble(i, 0), 1e-9, "row " + i);
        }
        assertEquals(0.8860777537, loss.computeScore(Nd4j.create(IDS), Nd4j.create(VIEWS), new ActivationIdentity(),
                null, true), 1e-9);
    }

    @Test
    void gradientEqualsFiniteDifferencesInDoublePrecision() {
        SslLoss ntXent = new NtXentLossFactory().create(ComponentConfig.parse("temperature=0.3"));
        INDArray ids = Nd4j.create(new double[][] {{0}, {0}, {1}, {1}, {2}, {2}});
        assertTrue(gradientsMatch(ntXent, ids, null));
        INDArray weights = Nd4j.create(new double[][] {{1}, {0.5}, {2}, {0}, {1}, {1}});
        assertTrue(gradientsMatch(ntXent, ids, weights));
    }

    /** DL4J's numerical gradient check of a dense layer (5 → 4 projections) under the loss. */
    static boolean gradientsMatch(SslLoss loss, INDArray ids, INDArray weights) {
        Nd4j.getRandom().setSeed(5);
        INDArray in = Nd4j.rand(DataType.DOUBLE, ids.rows(), 5).subi(0.5);
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(LossGradientTest.head(loss, 5, 4))
                .inputs(new INDArray[] {in}).labels(new INDArray[] {ids})
                .labelMask(weights == null ? null : new INDArray[] {weights})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
    }

    @Test
    void analyticGradientEqualsCentralDifferencesOfTheScore() {
        NtXentLoss loss = new NtXentLoss(0.5);
        INDArray labels = Nd4j.create(IDS);
        INDArray out = Nd4j.create(VIEWS);
        INDArray grad = loss.computeGradient(labels, out, new ActivationIdentity(), null);
        double h = 1e-6;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                INDArray plus = out.dup();
                plus.putScalar(i, j, out.getDouble(i, j) + h);
                INDArray minus = out.dup();
                minus.putScalar(i, j, out.getDouble(i, j) - h);
                double numeric = (loss.computeScore(labels, plus, new ActivationIdentity(), null, false)
                        - loss.computeScore(labels, minus, new ActivationIdentity(), null, false)) / (2 * h);
                assertEquals(numeric, grad.getDouble(i, j), 1e-6, "d/d out[" + i + "," + j + "]");
            }
        }
    }

    @Test
    void aBatchOfOneImageHasNoNegativesAndAViewWithoutItsPairHasNoPositive() {
        NtXentLoss loss = new NtXentLoss(0.5);
        SelfSupException one = assertThrows(SelfSupException.class, () -> loss.computeScoreArray(
                Nd4j.create(new double[][] {{0}, {0}}), Nd4j.create(new double[][] {{1, 0}, {0, 1}}),
                new ActivationIdentity(), null));
        assertTrue(one.getMessage().contains("at least 2 images"), one.getMessage());
        SelfSupException lone = assertThrows(SelfSupException.class, () -> loss.computeScoreArray(
                Nd4j.create(new double[][] {{0}, {0}, {1}}), Nd4j.create(new double[][] {{1, 0}, {0, 1}, {1, 1}}),
                new ActivationIdentity(), null));
        assertTrue(lone.getMessage().contains("no positive"), lone.getMessage());
    }

    @Test
    void temperatureOutOfRangeIsRefused() {
        assertThrows(SelfSupException.class, () -> new NtXentLossFactory().create(ComponentConfig.parse("temperature=0")));
        assertTrue(new NtXentLossFactory().create(ComponentConfig.empty()).couplesBatch());
    }
}
