package org.selfsup4j.core.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.selfsup4j.core.image.Image;

/**
 * What a pretext task made from a batch of unlabeled images: network inputs, targets, and optionally a mask.
 *
 * <p><b>Inputs.</b> {@code inputs} holds {@code inputsPerExample} images per example, those of one example next to
 * each other (jigsaw: the 9 tiles of example 0, then the 9 of example 1, ...). The trainer stacks them into one NCHW
 * array of {@code targets.count() × inputsPerExample} rows, so they all go through the one backbone: its weights are
 * shared by construction. The task's head regroups them ({@link HeadBuilder#regroup}). All inputs share one shape,
 * the task's {@link PretextTask#inputShape}.
 *
 * <p><b>Targets</b> have any shape ({@link PerExample}): a class, a distribution, an image, per-pixel classes.
 *
 * <p><b>Mask</b> (may be null: every value counts): per-example weights of shape {@code [1]}, or one weight per
 * target value (the target's shape), or, for targets of shape {@code [c, h, w]}, one weight per pixel shared by the
 * channels ({@code [1, h, w]}). The loss of a masked value is multiplied by its weight (0 = ignored); the batch loss
 * is still divided by the number of examples.
 */
public record PretextBatch(List<Image> inputs, int inputsPerExample, PerExample targets, PerExample mask) {
    public PretextBatch {
        inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs is null"));
        Objects.requireNonNull(targets, "targets is null");
        if (inputsPerExample <= 0) {
            throw new IllegalArgumentException("inputsPerExample must be positive, got " + inputsPerExample);
        }
        if (inputs.size() != (long) targets.count() * inputsPerExample) {
            throw new IllegalArgumentException(inputs.size() + " inputs for " + targets.count() + " targets, expected "
                    + inputsPerExample + " inputs per example");
        }
        if (mask != null) {
            if (mask.count() != targets.count()) {
                throw new IllegalArgumentException("mask has " + mask.count() + " rows for " + targets.count() + " targets");
            }
            int[] t = targets.shape();
            int[] m = mask.shape();
            boolean perExample = m.length == 1 && m[0] == 1;
            boolean perValue = Arrays.equals(m, t);
            boolean perPixel = t.length == 3 && m.length == 3 && m[0] == 1 && m[1] == t[1] && m[2] == t[2];
            if (!perExample && !perValue && !perPixel) {
                throw new IllegalArgumentException("mask shape " + Arrays.toString(m) + " does not fit targets of shape "
                        + Arrays.toString(t) + "; expected [1], the target's shape, or [1, h, w]");
            }
        }
    }

    /** One input per example, no mask: the shape of rotation or corruption classification. */
    public static PretextBatch single(List<Image> inputs, PerExample targets) {
        return new PretextBatch(inputs, 1, targets, null);
    }

    /** Number of examples (target rows). */
    public int size() {
        return targets.count();
    }
}
