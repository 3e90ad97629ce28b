package org.selfsup4j.trainer.backend;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The run-time implementation {@link FastPath#install} gives a DL4J {@code ActivationLayer} whose activation is a plain
 * ReLU: libnd4j's plain element-wise ops without DL4J's copies. DL4J's layer copies its input and rectifies the copy in
 * place, and in the backward pass copies the input again, only to run libnd4j's {@code relu_bp} on the copy into yet
 * another new array; together about a fifth of a training step of the reference CNN (profile of 2026-12-05). Here the
 * forward runs the rectifier from the input straight into the output array, and the backward writes the input's step
 * function ({@code x > 0}: 1, else 0) into the input gradient and multiplies it by the output gradient in place: two
 * plain element-wise passes, where {@code relu_bp} took three to four times as long for the same values (1.1-1.3
 * against 4.1-5.4 ms for 128x32x28x28, 2026-12-07, {@code bench/ReluBackwardBench.java}; the values are
 * {@code relu_bp}'s, NaN included, checked in {@code FastPathTest}). (Java loops over the off-heap buffers, as in
 * {@link FastBatchNormHelper}, were measured slower than the native passes: 0.61x.)
 * Inference (no copy in DL4J either) and anything other than float contiguous arrays go to DL4J's own code.
 *
 * <p>Only the layer <em>instance</em> is ours: the configuration is the standard {@code ActivationLayer} with
 * {@code ActivationReLU}, so saved models are unchanged and load in plain DL4J. A NaN input stays NaN in the output
 * (as in DL4J), so a diverging run is still caught.
 */
public final class FastReluLayer extends ActivationLayer {
    /** A layer for {@code conf}, which must be an {@code ActivationLayer} with a plain ReLU ({@link #handles}). */
    public FastReluLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        if (!handles(conf)) {
            throw new IllegalArgumentException("not an ActivationLayer with a plain ReLU: " + conf.getLayer());
        }
    }

    /** True if {@code conf} is an {@code ActivationLayer} whose activation is ReLU with no max, threshold or slope. */
    public static boolean handles(NeuralNetConfiguration conf) {
        if (!(conf.getLayer() instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer layer)) {
            return false;
        }
        IActivation fn = layer.getActivationFn();
        return fn instanceof ActivationReLU relu && relu.getMax() == null && isZero(relu.getThreshold())
                && isZero(relu.getNegativeSlope());
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        if (!training || !isPlainFloat(input)) {
            return super.activate(training, mgr);
        }
        assertInputSet(false);
        INDArray out = mgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, input.shape(), 'c');
        Nd4j.getExecutioner().exec(new RectifiedLinear(input, out, 0.0));   // NaN stays NaN
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        if (!isPlainFloat(input) || !isPlainFloat(epsilon) || !Arrays.equals(input.shape(), epsilon.shape())) {
            return super.backpropGradient(epsilon, mgr);
        }
        assertInputSet(true);
        INDArray dx = mgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        Nd4j.getExecutioner().exec(new Step(input, dx, 0.0));          // 1 where x > 0, else 0 (NaN too)
        Nd4j.getExecutioner().exec(new MulOp(dx, epsilon, dx));        // the output gradient where x > 0
        return new Pair<>(new DefaultGradient(), dx);
    }

    private static boolean isPlainFloat(INDArray a) {
        return a != null && a.dataType() == DataType.FLOAT && a.rank() >= 2 && a.size(0) > 0
                && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.length() < Integer.MAX_VALUE;
    }

    private static boolean isZero(Double d) {
        return d == null || d == 0.0;
    }
}
