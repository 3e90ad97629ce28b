package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.selfsup4j.trainer.backend.FastBatchNormHelper;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.LabeledBatches;

/**
 * selfsup4j's batch-norm helper: values by hand, the input gradient against central differences, whole-network
 * training equal to DL4J's own (helper-free) path, views, and the installation itself.
 */
class FastBatchNormHelperTest {
    private static final double EPS = 1e-5;

    @AfterEach
    void restoreDefault() {
        System.clearProperty(FastPath.FAST_PATH_PROPERTY);
        System.clearProperty(FastPath.FAST_BATCH_NORM_PROPERTY);
        FastPath.enable();
    }

    private static FastBatchNormHelper helper() {
        return new FastBatchNormHelper(new MKLDNNBatchNormHelper(DataType.FLOAT));
    }

    private static INDArray forward(FastBatchNormHelper h, INDArray x, INDArray gamma, INDArray beta) {
        long c = x.size(1);
        return h.preOutput(x, true, x.shape(), gamma, beta, Nd4j.zeros(DataType.FLOAT, 1, c), Nd4j.ones(DataType.FLOAT, 1, c),
                0.9, EPS, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
    }

    @Test
    void forwardByHand() {
        // channel 0 holds 1, 2 (example 0) and 3, 6 (example 1): mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5
        // channel 1 holds 10, 10, 10, 14: mean 11, variance (1 + 1 + 1 + 9) / 4 = 3
        INDArray x = Nd4j.createFromArray(new float[] {1, 2, 10, 10, 3, 6, 10, 14}).reshape(2, 2, 1, 2);
        INDArray gamma = Nd4j.createFromArray(new float[] {2, 1}).reshape(1, 2);
        INDArray beta = Nd4j.createFromArray(new float[] {0.5f, -1}).reshape(1, 2);
        FastBatchNormHelper h = helper();
        INDArray y = forward(h, x, gamma, beta);
        double s0 = Math.sqrt(3.5 + EPS);
        double s1 = Math.sqrt(3 + EPS);
        double[] expected = {2 * (1 - 3) / s0 + 0.5, 2 * (2 - 3) / s0 + 0.5, (10 - 11) / s1 - 1, (10 - 11) / s1 - 1,
            2 * (3 - 3) / s0 + 0.5, 2 * (6 - 3) / s0 + 0.5, (10 - 11) / s1 - 1, (14 - 11) / s1 - 1};
        float[] got = y.reshape(8).toFloatVector();
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], got[i], 1e-5, "y[" + i + "]");
        }
        assertEquals(3.0, h.getMeanCache(DataType.FLOAT).getDouble(0), 1e-6);
        assertEquals(11.0, h.getMeanCache(DataType.FLOAT).getDouble(1), 1e-6);
        assertEquals(3.5, h.getVarCache(DataType.FLOAT).getDouble(0), 1e-6);
        assertEquals(3.0, h.getVarCache(DataType.FLOAT).getDouble(1), 1e-6);
    }

    @Test
    void varianceDoesNotCancelForLargeOffsets() {
        // values 1000 + {0, 0.001, 0.002, 0.003}: a naive E[x^2] - E[x]^2 in float loses them all
        INDArray x = Nd4j.createFromArray(new float[] {1000f, 1000.001f, 1000.002f, 1000.003f}).reshape(1, 1, 2, 2);
        FastBatchNormHelper h = helper();
        forward(h, x, Nd4j.ones(DataType.FLOAT, 1, 1), Nd4j.zeros(DataType.FLOAT, 1, 1));
        double[] v = x.reshape(4).toDoubleVector();
        double m = (v[0] + v[1] + v[2] + v[3]) / 4;
        double var = 0;
        for (double d : v) {
            var += (d - m) * (d - m) / 4;
        }
        assertEquals(var, h.getVarCache(DataType.FLOAT).getDouble(0), var * 1e-2);
    }

    /** L(x, gamma, beta) = sum(w * BN(x)) in double, for central differences. */
    private static double objective(INDArray x, INDArray gamma, INDArray beta, INDArray w) {
        INDArray y = forward(helper(), x, gamma, beta);
        double[] yv = y.reshape(y.length()).toDoubleVector();
        double[] wv = w.reshape(w.length()).toDoubleVector();
        double sum = 0;
        for (int i = 0; i < yv.length; i++) {
            sum += yv[i] * wv[i];
        }
        return sum;
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Random r = new Random(3);
        int n = 3;
        int c = 2;
        int h = 3;
        int wd = 4;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, c, h, wd).muli(4).subi(1);
        INDArray gamma = Nd4j.createFromArray(new float[] {1.5f, -0.7f}).reshape(1, c);
        INDArray beta = Nd4j.createFromArray(new float[] {0.2f, 0.4f}).reshape(1, c);
        INDArray w = Nd4j.rand(DataType.FLOAT, n, c, h, wd).subi(0.5);
        FastBatchNormHelper fast = helper();
        forward(fast, x, gamma, beta);
        INDArray dGamma = Nd4j.zeros(DataType.FLOAT, 1, c);
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, 1, c);
        Pair<Gradient, INDArray> g = fast.backpropGradient(x, w, x.shape(), gamma, beta, dGamma, dBeta, EPS,
                CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        INDArray dx = g.getSecond();
        double step = 1e-2;
        for (int k = 0; k < 12; k++) {
            long i = r.nextInt((int) x.length());
            INDArray flat = x.reshape(x.length());
            float old = flat.getFloat(i);
            flat.putScalar(i, old + step);
            double up = objective(x, gamma, beta, w);
            flat.putScalar(i, old - step);
            double down = objective(x, gamma, beta, w);
            flat.putScalar(i, old);
            double numeric = (up - down) / (2 * step);
            double analytic = dx.reshape(dx.length()).getDouble(i);
            assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), "dL/dx[" + i + "]");
        }
        for (int ch = 0; ch < c; ch++) {
            for (INDArray p : List.of(gamma, beta)) {
                float old = p.getFloat(ch);
                p.putScalar(ch, old + step);
                double up = objective(x, gamma, beta, w);
                p.putScalar(ch, old - step);
                double down = objective(x, gamma, beta, w);
                p.putScalar(ch, old);
                double numeric = (up - down) / (2 * step);
                double analytic = (p == gamma ? dGamma : dBeta).getDouble(ch);
                assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), (p == gamma ? "dGamma" : "dBeta") + ch);
            }
        }
    }

    @Test
    void viewsGiveTheSameAnswerAsCopies() {
        INDArray big = Nd4j.rand(DataType.FLOAT, 6, 3, 5, 5);
        INDArray view = big.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray strided = big.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all(), NDArrayIndex.all());
        INDArray gamma = Nd4j.ones(DataType.FLOAT, 1, 3);
        INDArray beta = Nd4j.zeros(DataType.FLOAT, 1, 3);
        assertTrue(view.offset() > 0, "the test needs a view with an offset");
        assertEquals(forward(helper(), view.dup('c'), gamma, beta), forward(helper(), view, gamma, beta));
        INDArray g2 = Nd4j.ones(DataType.FLOAT, 1, 2);
        INDArray b2 = Nd4j.zeros(DataType.FLOAT, 1, 2);
        assertEquals(forward(helper(), strided.dup('c'), g2, b2), forward(helper(), strided, g2, b2));
    }

    private static List<DataSet> batches() {
        LabeledBatches producer = new LabeledBatches(TestData.blobs(256, 1, 28, 10), AugmentPipeline.identity(), 64, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(producer.batch(i));
        }
        return batches;
    }

    @Test
    void trainsLikeDl4jsOwnPathAndIsInstalledOnEveryBatchNormLayer() {
        List<DataSet> batches = batches();
        FastPath.disable();
        ComputationGraph plain = FastPathTest.network();
        System.clearProperty(FastPath.FAST_PATH_PROPERTY);
        FastPath.enable();
        ComputationGraph fast = FastPathTest.network();
        int layers = FastPath.install(fast).batchNormLayers();
        assertEquals(3, layers, "the reference CNN has three batch-norm layers");
        assertInstanceOf(FastBatchNormHelper.class, fast.getLayer("backbone_1_bn").getHelper());
        assertEquals(3, FastPath.install(fast).batchNormLayers(), "installing twice changes nothing");

        List<Double> a = FastPathTest.train(plain, batches);
        List<Double> b = FastPathTest.train(fast, batches);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 1e-3 * Math.abs(a.get(i)), "loss at step " + (i + 1));
        }
        double maxDiff = plain.params().sub(fast.params()).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-3, "weights (global means and variances included) after 8 steps differ by " + maxDiff);
        INDArray in = batches.get(0).getFeatures();
        double outDiff = plain.outputSingle(in).sub(fast.outputSingle(in)).amaxNumber().doubleValue();
        assertTrue(outDiff < 1e-4, "inference outputs differ by " + outDiff);
    }

    @Test
    void switchedOffByItsProperty() {
        System.setProperty(FastPath.FAST_BATCH_NORM_PROPERTY, "false");
        ComputationGraph g = FastPathTest.network();
        assertEquals(0, FastPath.install(g).batchNormLayers());
        assertInstanceOf(MKLDNNBatchNormHelper.class, g.getLayer("backbone_1_bn").getHelper());
        assertTrue(FastPath.describe().contains("batch_norm=onednn"), FastPath.describe());
        System.clearProperty(FastPath.FAST_BATCH_NORM_PROPERTY);
        assertTrue(FastPath.describe().contains("batch_norm=selfsup4j"), FastPath.describe());
    }
}
