package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryType;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.nd4j.linalg.api.buffer.DataType;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.trainer.backend.FastPath;

/**
 * The native memory one training step needs, from DL4J's own memory report of the network (activations and their
 * gradients, parameters, updater state and working memory for a number of network inputs per step), and the check,
 * before a run starts, that it fits what this process may use. Without it a step that cannot fit (32 images × 4
 * rotations of 512×512 need about 216 GB on the default backbone) fails deep inside DL4J after the run has started,
 * or the system kills the process.
 *
 * <p>DL4J's report is an estimate, and not a high one: for rotation pretraining of the reference CNN on 128×128
 * images at 32 inputs per step it says 1,101 MB (activations 336 MB, their gradients 338, the convolution cache 234,
 * working memory 192), where the process peaked at 1.3–1.5 GB with its heap, libraries and oneDNN's temporaries.
 */
public final class StepMemory {
    private StepMemory() {
    }

    /**
     * DL4J's estimate of a training step's memory in bytes for {@code inputsPerStep} network inputs of {@code input},
     * with the convolution cache when the fast path keeps one, plus the scratch of selfsup4j's convolution backward
     * when it runs; empty when DL4J cannot report on this network.
     */
    public static OptionalLong estimateBytes(ComputationGraphConfiguration conf, InputShape input, long inputsPerStep) {
        MemoryReport report = reportOrNull(conf, input);
        return report == null ? OptionalLong.empty() : OptionalLong.of(bytes(report, inputsPerStep));
    }

    /** DL4J's memory report of {@code conf} for inputs of {@code input}; null for a vertex or layer without one. */
    private static MemoryReport reportOrNull(ComputationGraphConfiguration conf, InputShape input) {
        try {
            return conf.getMemoryReport(InputType.convolutional(input.height(), input.width(), input.channels()));
        } catch (RuntimeException unsupported) {
            return null;
        }
    }

    private static long bytes(MemoryReport report, long inputsPerStep) {
        CacheMode cache = FastPath.isConvolutionCacheChosen() ? CacheMode.DEVICE : CacheMode.NONE;
        int inputs = (int) Math.min(Integer.MAX_VALUE, inputsPerStep);
        return report.getTotalMemoryBytes(inputs, MemoryUseMode.TRAINING, cache, DataType.FLOAT)
                + convolutionScratchBytes(report, inputs, cache);
    }

    /**
     * The blocked copies selfsup4j's convolution backward keeps (its per-thread scratch: the input, the output gradient
     * and the input gradient of the convolution being run), counted as three times the largest convolution output;
     * 0 when that backward is not chosen.
     */
    private static long convolutionScratchBytes(MemoryReport report, int inputs, CacheMode cache) {
        if (!(report instanceof NetworkMemoryReport network) || !FastPath.isFastConvolutionChosen()) {
            return 0;
        }
        long largest = 0;
        for (MemoryReport layer : network.getLayerAndVertexReports().values()) {
            if (layer.getReportClass() == ConvolutionLayer.class) {
                largest = Math.max(largest, layer.getMemoryBytes(MemoryType.ACTIVATIONS, inputs, MemoryUseMode.TRAINING,
                        cache, DataType.FLOAT));
            }
        }
        return 3 * largest;
    }

    /**
     * What the arrays of this process may take, in bytes: JavaCPP's limit on the whole process
     * ({@code -Dorg.bytedeco.javacpp.maxphysicalbytes}; the launcher sets 3/4 of the machine's memory) less the Java
     * heap's maximum, which that limit also counts. {@link Long#MAX_VALUE} when JavaCPP has no limit.
     */
    public static long budgetBytes() {
        long max = Pointer.maxPhysicalBytes();
        return max <= 0 ? Long.MAX_VALUE : Math.max(0, max - Runtime.getRuntime().maxMemory());
    }

    /**
     * Fails with a clear error, before anything is trained, when a step of {@code imagesPerStep} images
     * ({@code inputsPerImage} network inputs each) is estimated to need more than {@code budgetBytes}; the message
     * names the largest batch that fits, or asks for smaller images when not even one does. Does nothing when DL4J
     * cannot estimate this network.
     *
     * @param what the words for a step, starting the message, e.g. "A pretraining step"
     * @param batchOption the command-line option that sets {@code imagesPerStep}, e.g. {@code --batch}
     */
    public static void requireFits(ComputationGraphConfiguration conf, InputShape input, int inputsPerImage,
                                   int imagesPerStep, long budgetBytes, String what, String batchOption) {
        MemoryReport report = reportOrNull(conf, input);
        long need = report == null ? 0 : bytes(report, (long) inputsPerImage * imagesPerStep);
        if (need <= budgetBytes) {
            return;
        }
        int fits = largestFitting(report, inputsPerImage, imagesPerStep, budgetBytes);
        String step = String.format(Locale.ROOT, "%s of %d images (%d network inputs of %s) needs about %s of native "
                        + "memory by DL4J's estimate of this network, more than this process may use (%s: JavaCPP's "
                        + "maxphysicalbytes less the Java heap; the launcher sets it to 3/4 of the machine's memory)",
                what, imagesPerStep, (long) inputsPerImage * imagesPerStep, input, gigabytes(need),
                gigabytes(budgetBytes));
        if (fits >= 1) {
            long at = bytes(report, (long) inputsPerImage * fits);
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, step + "; use " + batchOption + " " + fits + " or fewer (about "
                    + gigabytes(at) + "), or smaller images (--resize)", String.valueOf(imagesPerStep),
                    List.of("1.." + fits), null);
        }
        throw new SelfSupException(ErrorCode.BAD_ARGUMENT, step + "; not even one image per step fits: use smaller "
                + "images (--resize HxW) or a smaller network (--backbone-config)", String.valueOf(imagesPerStep),
                List.of(), null);
    }

    /** The largest number of images per step below {@code tooMany} whose estimate fits; 0 when none does. */
    private static int largestFitting(MemoryReport report, int inputsPerImage, int tooMany, long budgetBytes) {
        int lo = 0;
        int hi = tooMany;   // invariant: lo fits (or is 0), hi does not
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (bytes(report, (long) inputsPerImage * mid) <= budgetBytes) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
