package org.selfsup4j.core.spi;

import java.util.List;
import java.util.Objects;
import org.selfsup4j.core.image.Image;

/**
 * Network inputs and the targets a pretext task made for them from the images themselves. {@code targets[i]} belongs
 * to {@code inputs.get(i)}; for a classification head it is one-hot (or a distribution) over the head's classes,
 * for a regression head the values to predict. The trainer turns both into NCHW / NC arrays.
 */
public record PretextBatch(List<Image> inputs, float[][] targets) {
    public PretextBatch {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs is null"));
        Objects.requireNonNull(targets, "targets is null");
        if (inputs.size() != targets.length) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + targets.length + " targets");
        }
    }

    public int size() {
        return inputs.size();
    }

    /** A one-hot row of {@code classes} values with 1 at {@code index}. */
    public static float[] oneHot(int index, int classes) {
        float[] row = new float[classes];
        row[index] = 1f;
        return row;
    }
}
