package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;

/**
 * How often a pretext network picks the task's class (rotation angle, permutation, position, corruption) on images it
 * is given, in inference mode: the arg-max of its output against the arg-max of the task's target, over examples with
 * non-zero weight. Only for tasks whose targets are classes (shape {@code [k]}, k &gt; 1); chance is 1/k for balanced
 * classes.
 */
public final class PretextAccuracy {
    private PretextAccuracy() {
    }

    /** Whether {@code task}'s targets are classes, so that an accuracy means something. */
    public static boolean applies(PretextTask task, List<Image> images) {
        int[] shape = task.makeBatch(images.subList(0, 1), new Random(0)).targets().shape();
        return shape.length == 1 && shape[0] > 1;
    }

    /**
     * {@code requested} images per batch, lowered so that the network inputs the task makes from them hold at most
     * {@link Batches#INFERENCE_VALUES} values: measured on one image's batch, since a task may make several examples
     * of one image (rotation makes four) and inputs of another shape (tiles, patches).
     */
    static int batchFor(PretextTask task, List<Image> images, int requested) {
        long perImage = 0;
        for (Image input : task.makeBatch(images.subList(0, 1), new Random(0)).inputs()) {
            perImage += input.pixels().length;
        }
        return (int) Math.max(1, Math.min(requested, Batches.INFERENCE_VALUES / Math.max(1, perImage)));
    }

    /** The share of examples made from {@code images} (in batches of {@code batchSize}, seeded) classified right. */
    public static double of(ComputationGraph graph, PretextTask task, List<Image> images, int requestedBatch, long seed) {
        Random random = new Random(seed);
        int batchSize = batchFor(task, images, requestedBatch);
        long right = 0;
        long counted = 0;
        for (int from = 0; from < images.size(); from += batchSize) {
            PretextBatch b = task.makeBatch(images.subList(from, Math.min(images.size(), from + batchSize)), random);
            INDArray out = graph.outputSingle(false, Batches.features(b.inputs()));
            INDArray predicted = out.argMax(1);
            PerExample targets = b.targets();
            for (int i = 0; i < b.size(); i++) {
                if (b.mask() != null && b.mask().rows()[i][0] == 0f) {
                    continue;
                }
                counted++;
                if (predicted.getInt(i) == targets.argMax(i)) {
                    right++;
                }
            }
        }
        return counted == 0 ? Double.NaN : (double) right / counted;
    }
}
