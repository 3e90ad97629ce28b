package org.selfsup4j.core.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * One array of a fixed {@link #shape()} per example: a task's targets (a class as a one-hot row or a distribution of
 * shape {@code [k]}, an image or per-pixel classes of shape {@code [c, h, w]}) or its weights. Rows are in C order
 * (for {@code [c, h, w]}: channel-major, then rows, then columns, as {@link org.selfsup4j.core.image.Image}). The
 * trainer stacks the rows into one array of shape {@code [n, shape...]}.
 *
 * <p>Treat the rows as read-only once made: the record does not copy them.
 */
public record PerExample(int[] shape, float[][] rows) {
    public PerExample {
        Objects.requireNonNull(shape, "shape is null");
        Objects.requireNonNull(rows, "rows is null");
        if (shape.length != 1 && shape.length != 3) {
            throw new IllegalArgumentException("shape must be [k] or [c, h, w], got " + Arrays.toString(shape));
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive, got " + Arrays.toString(shape));
            }
        }
        shape = shape.clone();
        int size = size(shape);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != size) {
                throw new IllegalArgumentException("row " + i + " has " + (rows[i] == null ? "no" : rows[i].length)
                        + " values, expected " + size + " for shape " + Arrays.toString(shape));
            }
        }
    }

    /** One-hot rows of {@code classes} values: row i has a 1 at {@code labels[i]}. */
    public static PerExample classes(int[] labels, int classes) {
        float[][] rows = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is not in [0, " + classes + ")");
            }
            rows[i] = new float[classes];
            rows[i][labels[i]] = 1f;
        }
        return new PerExample(new int[] {classes}, rows);
    }

    /** Rows of {@code width} values each (distributions, vectors). */
    public static PerExample vectors(float[][] rows, int width) {
        return new PerExample(new int[] {width}, rows);
    }

    /** One weight per example (shape {@code [1]}): 0 leaves the example out of the loss, 1 counts it fully. */
    public static PerExample weights(float[] weights) {
        float[][] rows = new float[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            rows[i] = new float[] {weights[i]};
        }
        return new PerExample(new int[] {1}, rows);
    }

    /** Number of examples. */
    public int count() {
        return rows.length;
    }

    /** Values per example: the product of the shape. */
    public int size() {
        return size(shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The index of the largest value of row {@code i} (the class of a one-hot row). */
    public int argMax(int i) {
        float[] row = rows[i];
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
