package org.selfsup4j.trainer.backend;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;
import org.selfsup4j.trainer.backend.NativeScratch.Slot;

/**
 * The backward pass of one convolution geometry on oneDNN 2.5 (JavaCPP's {@code dnnl} build): the gradients of the
 * weights and bias and, unless not wanted, of the input, from the input, weights and output gradient, all NCHW / OIHW
 * float arrays. Prepared once per geometry (the primitives and the reorders between DL4J's plain layouts and the ones
 * oneDNN picks) and run many times.
 *
 * <p>What it does differently from libnd4j's oneDNN 2.3 integration, which DL4J's own helper calls: the input gradient
 * uses oneDNN's direct algorithm (libnd4j asks for {@code convolution_auto}, which picks Winograd for 3x3 kernels at
 * stride 1, measured 4-5x slower than direct at 16 channels of 32x32), and the output gradient is reordered into the
 * blocked layout once and shared by both backward primitives (libnd4j reorders input and output gradient for each).
 *
 * <p>Not thread-safe: one instance belongs to one layer; its work buffers are the calling thread's
 * {@link NativeScratch}.
 */
final class OneDnnConvolutionBackward implements AutoCloseable {
    private static final engine CPU = new engine(engine.kind.cpu, 0);
    private static final ThreadLocal<stream> STREAM = ThreadLocal.withInitial(() -> new stream(CPU));

    private final ConvolutionGeometry geometry;
    private final boolean inputGradient;
    private final convolution_backward_weights weightsPrimitive;
    private final convolution_backward_data dataPrimitive;
    // DL4J's arrays, plain layouts
    private final memory userSource;
    private final memory userWeights;
    private final memory userOutputGradient;
    private final memory userInputGradient;
    private final memory userWeightGradient;
    private final memory userBiasGradient;
    // the primitives' layouts (the same objects as the plain ones when oneDNN chose a plain layout)
    private final memory source;
    private final memory outputGradient;
    private final memory weightGradient;
    private final memory weights;
    private final memory outputGradientForData;
    private final memory inputGradientMemory;
    // reorders between them, null where the layouts are the same
    private final Reorder sourceIn;
    private final Reorder outputGradientIn;
    private final Reorder weightGradientOut;
    private final Reorder weightsIn;
    private final Reorder outputGradientForDataIn;
    private final Reorder inputGradientOut;
    // prepared once: the primitives' arguments (memory objects whose buffers are rebound per run) and the scratch
    // each blocked memory object takes (its size read here, not on every run)
    private final IntMemoryMap weightsArgs = new IntMemoryMap();
    private final IntMemoryMap dataArgs = new IntMemoryMap();
    private final List<ScratchBinding> scratchBindings = new ArrayList<>();

    /**
     * Prepares the primitives for {@code geometry}; {@code inputGradient} false leaves the input gradient out (a first
     * layer, whose input needs none).
     */
    OneDnnConvolutionBackward(ConvolutionGeometry geometry, boolean inputGradient) {
        this.geometry = geometry;
        this.inputGradient = inputGradient;
        memory.desc plainSource = plain(geometry.inputDims(), memory.format_tag.nchw);
        memory.desc plainWeights = plain(geometry.weightDims(), memory.format_tag.oihw);
        memory.desc plainOutput = plain(geometry.outputDims(), memory.format_tag.nchw);
        memory.desc plainBias = plain(new long[] {geometry.outChannels()}, memory.format_tag.x);
        memory.desc anySource = plain(geometry.inputDims(), memory.format_tag.any);
        memory.desc anyWeights = plain(geometry.weightDims(), memory.format_tag.any);
        memory.desc anyOutput = plain(geometry.outputDims(), memory.format_tag.any);
        long[] strides = geometry.strides();
        long[] dilation = geometry.oneDnnDilation();
        long[] before = geometry.padBefore();
        long[] after = geometry.padAfter();

        convolution_forward.desc forward = geometry.bias()
                ? new convolution_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct,
                        anySource, anyWeights, plainBias, anyOutput, strides, dilation, before, after)
                : new convolution_forward.desc(dnnl.prop_kind.forward_training, dnnl.algorithm.convolution_direct,
                        anySource, anyWeights, anyOutput, strides, dilation, before, after);
        convolution_forward.primitive_desc hint = new convolution_forward.primitive_desc(forward, CPU);

        convolution_backward_weights.desc weightsDesc = geometry.bias()
                ? new convolution_backward_weights.desc(dnnl.algorithm.convolution_direct, anySource, anyWeights,
                        plainBias, anyOutput, strides, dilation, before, after)
                : new convolution_backward_weights.desc(dnnl.algorithm.convolution_direct, anySource, anyWeights,
                        anyOutput, strides, dilation, before, after);
        convolution_backward_weights.primitive_desc weightsPd =
                new convolution_backward_weights.primitive_desc(weightsDesc, CPU, hint);
        weightsPrimitive = new convolution_backward_weights(weightsPd);

        userSource = unbound(plainSource);
        userWeights = unbound(plainWeights);
        userOutputGradient = unbound(plainOutput);
        userInputGradient = unbound(plainSource);
        userWeightGradient = unbound(plainWeights);
        userBiasGradient = geometry.bias() ? unbound(plainBias) : null;

        source = sameOr(userSource, weightsPd.src_desc());
        outputGradient = sameOr(userOutputGradient, weightsPd.diff_dst_desc());
        weightGradient = sameOr(userWeightGradient, weightsPd.diff_weights_desc());
        sourceIn = Reorder.between(userSource, source);
        outputGradientIn = Reorder.between(userOutputGradient, outputGradient);
        weightGradientOut = Reorder.between(weightGradient, userWeightGradient);

        if (inputGradient) {
            convolution_backward_data.desc dataDesc = new convolution_backward_data.desc(
                    dnnl.algorithm.convolution_direct, anySource, anyWeights, anyOutput, strides, dilation, before, after);
            convolution_backward_data.primitive_desc dataPd =
                    new convolution_backward_data.primitive_desc(dataDesc, CPU, hint);
            dataPrimitive = new convolution_backward_data(dataPd);
            weights = sameOr(userWeights, dataPd.weights_desc());
            outputGradientForData = dataPd.diff_dst_desc().equals(outputGradient.get_desc())
                    ? outputGradient : sameOr(userOutputGradient, dataPd.diff_dst_desc());
            inputGradientMemory = sameOr(userInputGradient, dataPd.diff_src_desc());
            weightsIn = Reorder.between(userWeights, weights);
            outputGradientForDataIn = outputGradientForData == outputGradient ? null
                    : Reorder.between(userOutputGradient, outputGradientForData);
            inputGradientOut = Reorder.between(inputGradientMemory, userInputGradient);
        } else {
            dataPrimitive = null;
            weights = null;
            outputGradientForData = null;
            inputGradientMemory = null;
            weightsIn = null;
            outputGradientForDataIn = null;
            inputGradientOut = null;
        }
        weightsArgs.put(DNNL_ARG_SRC, source);
        weightsArgs.put(DNNL_ARG_DIFF_DST, outputGradient);
        weightsArgs.put(DNNL_ARG_DIFF_WEIGHTS, weightGradient);
        if (userBiasGradient != null) {
            weightsArgs.put(DNNL_ARG_DIFF_BIAS, userBiasGradient);
        }
        bindsScratch(source, userSource, Slot.SOURCE);
        bindsScratch(outputGradient, userOutputGradient, Slot.OUTPUT_GRADIENT);
        bindsScratch(weightGradient, userWeightGradient, Slot.WEIGHT_GRADIENT);
        if (inputGradient) {
            dataArgs.put(DNNL_ARG_DIFF_DST, outputGradientForData);
            dataArgs.put(DNNL_ARG_WEIGHTS, weights);
            dataArgs.put(DNNL_ARG_DIFF_SRC, inputGradientMemory);
            bindsScratch(weights, userWeights, Slot.WEIGHTS);
            if (outputGradientForData != outputGradient) {
                bindsScratch(outputGradientForData, userOutputGradient, Slot.OUTPUT_GRADIENT_FOR_DATA);
            }
            bindsScratch(inputGradientMemory, userInputGradient, Slot.INPUT_GRADIENT);
        }
    }

    /** The geometry this was prepared for. */
    ConvolutionGeometry geometry() {
        return geometry;
    }

    /** Whether {@link #run} computes the input gradient. */
    boolean computesInputGradient() {
        return inputGradient;
    }

    /**
     * Computes the gradients. Every argument is the address of a contiguous float array in the layout its name says
     * (NCHW input, OIHW weights, NCHW output gradient); {@code inputGradientAddress} is ignored (may be null) when
     * this leaves the input gradient out, {@code biasGradientAddress} when the geometry has no bias.
     */
    void run(Pointer inputAddress, Pointer weightsAddress, Pointer outputGradientAddress, Pointer inputGradientAddress,
             Pointer weightGradientAddress, Pointer biasGradientAddress) {
        NativeScratch scratch = NativeScratch.ofThisThread();
        for (ScratchBinding b : scratchBindings) {
            b.memory().set_data_handle(scratch.get(b.slot(), b.bytes()));
        }
        stream s = STREAM.get();
        userSource.set_data_handle(inputAddress);
        userOutputGradient.set_data_handle(outputGradientAddress);
        userWeightGradient.set_data_handle(weightGradientAddress);
        if (userBiasGradient != null) {
            userBiasGradient.set_data_handle(biasGradientAddress);
        }
        Reorder.run(sourceIn, s);
        Reorder.run(outputGradientIn, s);
        weightsPrimitive.execute(s, weightsArgs);
        Reorder.run(weightGradientOut, s);

        if (inputGradient) {
            userWeights.set_data_handle(weightsAddress);
            userInputGradient.set_data_handle(inputGradientAddress);
            Reorder.run(outputGradientForDataIn, s);
            Reorder.run(weightsIn, s);
            dataPrimitive.execute(s, dataArgs);
            Reorder.run(inputGradientOut, s);
        }
        s._wait();
    }

    @Override
    public void close() {
        weightsArgs.close();
        dataArgs.close();
        weightsPrimitive.close();
        if (dataPrimitive != null) {
            dataPrimitive.close();
        }
        for (Reorder r : new Reorder[] {sourceIn, outputGradientIn, weightGradientOut, weightsIn,
                outputGradientForDataIn, inputGradientOut}) {
            if (r != null) {
                r.primitive.close();
            }
        }
    }

    private static memory.desc plain(long[] dims, memory.format_tag tag) {
        return new memory.desc(dims, memory.data_type.f32, tag);
    }

    private static memory unbound(memory.desc desc) {
        return new memory(desc, CPU, (Pointer) null);
    }

    /** {@code user} itself if oneDNN wants its layout, else a memory object of the wanted layout (bound per run). */
    private static memory sameOr(memory user, memory.desc wanted) {
        return wanted.equals(user.get_desc()) ? user : unbound(wanted);
    }

    /** Notes that {@code m}, unless it is {@code user} itself, takes its buffer from scratch slot {@code slot}. */
    private void bindsScratch(memory m, memory user, Slot slot) {
        if (m != user) {
            scratchBindings.add(new ScratchBinding(m, slot, m.get_desc().get_size()));
        }
    }

    /** A blocked memory object, the scratch slot that holds its buffer, and its size in bytes. */
    private record ScratchBinding(memory memory, Slot slot, long bytes) {
    }

    /** A prepared copy from one layout to another. */
    private record Reorder(memory from, memory to, reorder primitive) {
        /** The reorder from {@code from} to {@code to}, or null if they are the same object (nothing to copy). */
        static Reorder between(memory from, memory to) {
            return from == to ? null : new Reorder(from, to, new reorder(from, to));
        }

        /** Runs {@code r} (bound to the memories' current buffers) unless it is null. */
        static void run(Reorder r, stream s) {
            if (r != null) {
                r.primitive.execute(s, r.from, r.to);
            }
        }
    }
}
