package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.selfsup4j.trainer.backend.ConvolutionGeometry;
import org.selfsup4j.trainer.backend.FastConvolutionHelper;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.backend.OneDnn;

/**
 * selfsup4j's convolution backward (oneDNN 2.5, direct algorithm) against DL4J's oneDNN helper, and the geometry's
 * padding by hand.
 */
class FastConvolutionHelperTest {

    @Test
    void geometryPadsTheBottomAndRightAsTheOutputNeeds() {
        // 32x32, 3x3, stride 2, padding 1 -> 16x16: the last window starts at row 15 * 2 - 1 = 29 and ends at 31,
        // so no bottom padding is needed: (16 - 1) * 2 + (3 - 1) * 1 + 1 - 32 - 1 = 0
        ConvolutionGeometry g = ConvolutionGeometry.of(new long[] {8, 16, 32, 32}, new long[] {32, 16, 3, 3},
                new long[] {8, 32, 16, 16}, new int[] {2, 2}, new int[] {1, 1}, new int[] {1, 1}, true);
        assertNotNull(g);
        assertArrayEquals(new long[] {0, 0}, g.padAfter());
        // stride 1, padding 1, 3x3 keeps 32: (32 - 1) + 2 + 1 - 32 - 1 = 1 row and column below and right
        g = ConvolutionGeometry.of(new long[] {8, 16, 32, 32}, new long[] {16, 16, 3, 3}, new long[] {8, 16, 32, 32},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, false);
        assertArrayEquals(new long[] {1, 1}, g.padAfter());
        assertArrayEquals(new long[] {0, 0}, g.oneDnnDilation(), "DL4J's dilation 1 is oneDNN's 0");
        // dilation 2: a 3x3 kernel spans 5; 28 -> 28 with padding 2: (28 - 1) + 4 + 1 - 28 - 2 = 2
        g = ConvolutionGeometry.of(new long[] {1, 1, 28, 28}, new long[] {4, 1, 3, 3}, new long[] {1, 4, 28, 28},
                new int[] {1, 1}, new int[] {2, 2}, new int[] {2, 2}, false);
        assertArrayEquals(new long[] {2, 2}, g.padAfter());
        assertArrayEquals(new long[] {1, 1}, g.oneDnnDilation());
        // Truncate mode leaving a column out: 7 wide, 2x2 stride 2, no padding -> 3 wide: (3 - 1) * 2 + 1 + 1 - 7 = -1
        g = ConvolutionGeometry.of(new long[] {1, 1, 6, 7}, new long[] {1, 1, 2, 2}, new long[] {1, 1, 3, 3},
                new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false);
        assertArrayEquals(new long[] {0, -1}, g.padAfter());
        assertNull(ConvolutionGeometry.of(new long[] {1, 2, 6, 6}, new long[] {1, 3, 2, 2}, new long[] {1, 1, 3, 3},
                new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, false), "2 input channels, weights for 3");
    }

    @Test
    void gradientsEqualDl4jsOneDnnHelper() {
        FastPath.enable();
        assertTrue(OneDnn.isAvailable(), "JavaCPP's oneDNN loads here");
        //        batch, in, size, out, kernel, stride, pad, dilation, mode, bias
        check(4, 3, 12, 8, 3, 1, 1, 1, ConvolutionMode.Truncate, true);
        check(5, 16, 10, 16, 3, 1, 1, 1, ConvolutionMode.Truncate, false);
        check(3, 8, 11, 12, 3, 2, 1, 1, ConvolutionMode.Truncate, true);
        check(2, 16, 8, 32, 1, 2, 0, 1, ConvolutionMode.Truncate, false);
        check(2, 16, 32, 32, 1, 2, 0, 1, ConvolutionMode.Truncate, false);   // resnet-small's shortcut: pad -1
        check(2, 3, 9, 4, 2, 2, 0, 1, ConvolutionMode.Truncate, true);       // a column left out
        check(2, 4, 9, 6, 3, 1, 0, 1, ConvolutionMode.Same, true);
        check(2, 4, 13, 5, 3, 2, 0, 1, ConvolutionMode.Same, true);
        // (no dilated case: DL4J M2.1's oneDNN helper fails on their forward pass, so the helper leaves them to it)
        check(1, 1, 28, 32, 5, 1, 2, 1, ConvolutionMode.Truncate, true);
    }

    @Test
    void aLayerFedByTheNetworkInputGetsNoInputGradient() {
        FastPath.enable();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 8, 8);
        INDArray w = Nd4j.rand(DataType.FLOAT, 4, 3, 3, 3);
        INDArray dy = Nd4j.rand(DataType.FLOAT, 2, 4, 8, 8);
        FastConvolutionHelper first = new FastConvolutionHelper(new MKLDNNConvHelper(DataType.FLOAT), false);
        INDArray dw = Nd4j.zeros(DataType.FLOAT, 4, 3, 3, 3);
        Pair<Gradient, INDArray> got = first.backpropGradient(x, w, null, dy, new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, null, dw, new ActivationIdentity(), null, null, null, ConvolutionMode.Truncate,
                new int[] {1, 1}, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        assertNull(got.getSecond());
        INDArray dwRef = Nd4j.zeros(DataType.FLOAT, 4, 3, 3, 3);
        new MKLDNNConvHelper(DataType.FLOAT).backpropGradient(x, w, null, dy, new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, null, dwRef, new ActivationIdentity(), null, null, null, ConvolutionMode.Truncate,
                new int[] {1, 1}, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        assertClose(dwRef, dw, "weight gradient without the input gradient");
    }

    /**
     * One geometry: the weight gradient is written into a view at an offset of a larger array (as DL4J's gradient
     * views are), the input is a view too; weight, bias and input gradients must match DL4J's helper.
     */
    private static void check(int batch, int in, int size, int out, int k, int stride, int pad, int dilation,
                              ConvolutionMode mode, boolean bias) {
        String what = batch + "x" + in + "x" + size + "x" + size + " -> " + out + " k" + k + " s" + stride + " p" + pad
                + " d" + dilation + " " + mode + (bias ? " bias" : "");
        Nd4j.getRandom().setSeed(size * 31L + out);
        INDArray wide = Nd4j.rand(DataType.FLOAT, batch, in + 2, size, size).subi(0.5);
        INDArray x = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(1, in + 1), NDArrayIndex.all(),
                NDArrayIndex.all());   // a view: not contiguous
        INDArray w = Nd4j.rand(DataType.FLOAT, out, in, k, k).subi(0.5);
        INDArray b = bias ? Nd4j.rand(DataType.FLOAT, 1, out) : null;
        int[] kernel = {k, k};
        int[] strides = {stride, stride};
        int[] padding = {pad, pad};
        int[] dil = {dilation, dilation};
        INDArray y = new MKLDNNConvHelper(DataType.FLOAT).preOutput(x, w, bias ? b : Nd4j.zeros(DataType.FLOAT, 1, out),
                kernel, strides, padding, null, null, mode, dil, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        INDArray dy = Nd4j.rand(DataType.FLOAT, y.shape()).subi(0.5);

        INDArray dwRef = Nd4j.zeros(DataType.FLOAT, w.shape());
        INDArray dbRef = bias ? Nd4j.zeros(DataType.FLOAT, 1, out) : null;
        Pair<Gradient, INDArray> ref = new MKLDNNConvHelper(DataType.FLOAT).backpropGradient(x, w, b, dy, kernel,
                strides, padding, dbRef, dwRef, new ActivationIdentity(), null, null, null, mode, dil, CNN2DFormat.NCHW,
                LayerWorkspaceMgr.noWorkspaces());

        long wLength = w.length();
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 7 + wLength + out);   // gradients live in one flat array
        INDArray dw = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(7, 7 + wLength)).reshape('c', w.shape());
        INDArray db = bias ? flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(7 + wLength, 7 + wLength + out))
                : null;
        FastConvolutionHelper fast = new FastConvolutionHelper(new MKLDNNConvHelper(DataType.FLOAT), true);
        Pair<Gradient, INDArray> got = null;
        for (int run = 0; run < 2; run++) {   // the second run reuses the prepared primitives
            got = fast.backpropGradient(x, w, b, dy, kernel, strides, padding, db, dw, new ActivationIdentity(), null,
                    null, null, mode, dil, CNN2DFormat.NCHW, LayerWorkspaceMgr.noWorkspaces());
        }
        assertClose(ref.getSecond(), got.getSecond(), what + ": input gradient");
        assertClose(dwRef, dw, what + ": weight gradient");
        assertClose(dwRef, got.getFirst().getGradientFor(ConvolutionParamInitializer.WEIGHT_KEY), what + ": returned");
        assertEquals(0.0, flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 7)).sumNumber().doubleValue(),
                what + ": nothing written before the view");
        if (bias) {
            assertClose(dbRef, db, what + ": bias gradient");
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertNotNull(actual, what);
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        double scale = Math.max(1e-3, expected.amaxNumber().doubleValue());
        double diff = expected.castTo(DataType.DOUBLE).sub(actual.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-4 * scale, what + ": max difference " + diff + " (largest value " + scale + ")");
    }
}
