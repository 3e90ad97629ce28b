package org.selfsup4j.trainer.backend;

import java.util.Arrays;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * selfsup4j's convolution helper for DL4J's standard {@code ConvolutionLayer}, installed by {@link FastPath#install}
 * in place of DL4J's oneDNN helper, which it keeps for everything it does not do itself: the forward pass stays
 * DL4J's (libnd4j's oneDNN), the backward pass of float NCHW convolutions without dilation runs on
 * {@link OneDnnConvolutionBackward} (direct algorithm, one shared reorder of the output gradient). The layer and its saved configuration stay DL4J's,
 * so models still load in plain DL4J.
 *
 * <p>A layer whose input is the network's input needs no input gradient; constructed with {@code inputGradient}
 * false, the helper skips it and returns none (DL4J's graph ignores the gradient of a network input).
 *
 * <p>If oneDNN fails on a geometry (it should not), the helper logs it once and hands that layer's backward passes to
 * DL4J's helper from then on, instead of DL4J's own fallback to its slow built-in path. One helper belongs to one
 * layer and is not used by two threads at once (as DL4J's layers).
 */
public final class FastConvolutionHelper implements ConvolutionHelper {
    private static final Logger LOG = LoggerFactory.getLogger(FastConvolutionHelper.class);
    private static final int PREPARED_GEOMETRIES = 4;   // training, the last partial batch, evaluation batches

    private final ConvolutionHelper fallback;
    private final boolean inputGradient;
    private final OneDnnConvolutionBackward[] prepared = new OneDnnConvolutionBackward[PREPARED_GEOMETRIES];
    private int nextSlot;
    private boolean failed;

    /**
     * @param fallback      DL4J's oneDNN helper: the forward pass and any input this one does not handle; not null
     * @param inputGradient whether the layer's input needs a gradient (false for a layer fed by the network input)
     */
    public FastConvolutionHelper(ConvolutionHelper fallback, boolean inputGradient) {
        this.fallback = fallback;
        this.inputGradient = inputGradient;
    }

    /** The helper this one falls back to. */
    public ConvolutionHelper fallback() {
        return fallback;
    }

    /** Whether the backward pass computes the gradient of the layer's input. */
    public boolean computesInputGradient() {
        return inputGradient;
    }

    @Override
    public boolean checkSupported() {
        return fallback.checkSupported();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode, org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo fwdAlgo,
                              ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        return fallback.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation,
                format, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return fallback.activate(z, afn, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return fallback.helperMemoryUse();
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn,
                                                     org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode mode,
                                                     org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
                                                     org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        ConvolutionGeometry geometry = failed ? null
                : geometry(input, weights, bias, delta, kernel, strides, pad, convolutionMode, dilation, format);
        Pair<Gradient, INDArray> ours = geometry == null ? null
                : backpropOnOneDnn(geometry, input, weights, bias, delta, biasGradView, weightGradView, workspaceMgr);
        if (ours != null) {
            return ours;
        }
        return fallback.backpropGradient(input, weights, bias, delta, kernel, strides, pad,
                bias == null ? null : biasGradView,   // DL4J hands a dummy to helpers other than its own
                weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, workspaceMgr);
    }

    /** The gradients from oneDNN 2.5, or null (and DL4J's helper from now on) if oneDNN fails on {@code geometry}. */
    private Pair<Gradient, INDArray> backpropOnOneDnn(ConvolutionGeometry geometry, INDArray input, INDArray weights,
                                                      INDArray bias, INDArray delta, INDArray biasGradView,
                                                      INDArray weightGradView, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = contiguous(input);
        INDArray w = contiguous(weights);
        INDArray dy = contiguous(delta);
        INDArray dx = inputGradient
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c')
                : null;
        INDArray dw = writable(weightGradView, workspaceMgr);
        INDArray db = bias == null ? null : workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {geometry.outChannels()}, 'c');
        try {
            prepare(geometry).run(address(x), address(w), address(dy), dx == null ? null : address(dx), address(dw),
                    db == null ? null : address(db));
        } catch (RuntimeException e) {
            failed = true;
            LOG.warn("oneDNN convolution backward failed for {}; this layer uses DL4J's helper from now on", geometry, e);
            return null;
        }
        if (dw != weightGradView) {
            weightGradView.assign(dw);
        }
        Gradient gradient = new DefaultGradient();
        if (db != null && biasGradView != null) {
            biasGradView.assign(db.reshape(biasGradView.shape()));
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, dx);
    }

    /** The geometry to run on oneDNN, or null if DL4J's helper should take this call. */
    private static ConvolutionGeometry geometry(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                int[] kernel, int[] strides, int[] pad, ConvolutionMode mode,
                                                int[] dilation, CNN2DFormat format) {
        if (format != CNN2DFormat.NCHW || input.rank() != 4 || weights.rank() != 4 || delta.rank() != 4
                || input.dataType() != DataType.FLOAT || weights.dataType() != DataType.FLOAT
                || delta.dataType() != DataType.FLOAT || (bias != null && bias.dataType() != DataType.FLOAT)
                || weights.size(2) != kernel[0] || weights.size(3) != kernel[1] || dilation[0] != 1 || dilation[1] != 1) {
            return null;   // dilated kernels: DL4J's oneDNN helper cannot run their forward pass either (M2.1)
        }
        int[] padding = pad;
        if (mode == ConvolutionMode.Same) {
            padding = ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) delta.size(2), (int) delta.size(3)},
                    new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation);
        }
        return ConvolutionGeometry.of(input.shape(), weights.shape(), delta.shape(), strides, padding, dilation,
                bias != null);
    }

    private OneDnnConvolutionBackward prepare(ConvolutionGeometry geometry) {
        for (OneDnnConvolutionBackward p : prepared) {
            if (p != null && p.geometry().equals(geometry)) {
                return p;
            }
        }
        OneDnnConvolutionBackward p = new OneDnnConvolutionBackward(geometry, inputGradient);
        if (prepared[nextSlot] != null) {
            prepared[nextSlot].close();
        }
        prepared[nextSlot] = p;
        nextSlot = (nextSlot + 1) % prepared.length;
        return p;
    }

    private static INDArray contiguous(INDArray a) {
        return isPlain(a) ? a : a.dup('c');
    }

    /** {@code view} itself if oneDNN can write into it, else a plain array to copy from afterwards. */
    private static INDArray writable(INDArray view, LayerWorkspaceMgr workspaceMgr) {
        return isPlain(view) ? view
                : workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, view.shape(), 'c');
    }

    private static boolean isPlain(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) && a.elementWiseStride() == 1;
    }

    /** The address of {@code a}'s first element (its buffer's address already includes a view's offset). */
    private static Pointer address(INDArray a) {
        Pointer p = a.data().addressPointer();
        return NativeScratch.at(p.address() + p.position() * a.data().getElementSize());
    }

    @Override
    public String toString() {
        return "FastConvolutionHelper(inputGradient=" + inputGradient + ", prepared="
                + Arrays.stream(prepared).filter(java.util.Objects::nonNull).count() + ")";
    }
}
