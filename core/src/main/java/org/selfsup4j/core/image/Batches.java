package org.selfsup4j.core.image;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.spi.PerExample;

/**
 * Turns images and target rows into ND4J arrays: the one place a list of images becomes an NCHW tensor. Used by the
 * trainer and by the contract tests, so a plugin's batch is checked exactly as it will be trained.
 */
public final class Batches {
    private Batches() {
    }

    /**
     * Values per inference batch (2^19: 668 images of 28x28, 170 of 3x32x32, 32 of 128x128, 2 of 512x512), so that
     * evaluation costs memory in proportion to a training batch rather than to a fixed image count.
     */
    public static final int INFERENCE_VALUES = 1 << 19;

    /**
     * {@code requested}, lowered (to at least 1) so that a batch of images of {@code shape}, each making
     * {@code inputsPerImage} network inputs, holds at most {@link #INFERENCE_VALUES} values.
     */
    public static int inferenceBatch(int requested, InputShape shape, int inputsPerImage) {
        long perImage = (long) shape.size() * Math.max(1, inputsPerImage);
        return (int) Math.max(1, Math.min(requested, INFERENCE_VALUES / perImage));
    }

    /** [n, C, H, W], C order; all images must share one shape. */
    public static INDArray features(List<Image> images) {
        Image first = images.get(0);
        int size = first.pixels().length;
        float[] data = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            Image img = images.get(i);
            if (img.pixels().length != size || img.channels() != first.channels()) {
                throw new IllegalArgumentException("image " + i + " is " + img + ", image 0 is " + first);
            }
            System.arraycopy(img.pixels(), 0, data, i * size, size);
        }
        return Nd4j.create(data, new long[] {images.size(), first.channels(), first.height(), first.width()}, 'c');
    }

    /** [n, k] from n rows of k values. */
    public static INDArray rows(float[][] rows) {
        int k = rows[0].length;
        float[] data = new float[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, i * k, k);
        }
        return Nd4j.create(data, new long[] {rows.length, k}, 'c');
    }

    /** [n, shape...] from a {@link PerExample}, C order. */
    public static INDArray stack(PerExample values) {
        int[] shape = values.shape();
        long[] full = new long[shape.length + 1];
        full[0] = values.count();
        for (int d = 0; d < shape.length; d++) {
            full[d + 1] = shape[d];
        }
        int size = values.size();
        float[] data = new float[values.count() * size];
        for (int i = 0; i < values.count(); i++) {
            System.arraycopy(values.rows()[i], 0, data, i * size, size);
        }
        return Nd4j.create(data, full, 'c');
    }

    /** [n, classes] one-hot rows. */
    public static INDArray oneHot(int[] labels, int classes) {
        float[] data = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            data[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(data, new long[] {labels.length, classes}, 'c');
    }
}
