package org.selfsup4j.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.image.InputShape;

/**
 * A self-supervised task: it turns unlabeled images into network inputs and targets made from the images themselves,
 * and builds the head that learns to predict them. The shapes it can take:
 * <ul>
 *   <li>one input per example, a class (rotation, corruption): head on {@link Backbone#FEATURES};</li>
 *   <li>several inputs per example through one shared backbone (jigsaw's tiles, relative position's two patches):
 *       {@link #inputsPerExample()} &gt; 1, inputs folded into the batch axis, regrouped in the head
 *       ({@link HeadBuilder#regroup});</li>
 *   <li>targets of any shape with per-example or per-pixel masks (inpainting, colorization): a head on
 *       {@link Backbone#FEATURE_MAP} ending in {@link HeadBuilder#pixelOutput};</li>
 *   <li>inputs smaller than the images (tiles, crops) or with other channels: {@link #inputShape}; the backbone is
 *       built for that shape and fine-tunes on whole images;</li>
 *   <li>examples coupled through the loss (two views of an image as neighbouring examples with a contrastive loss,
 *       see {@link SslLoss#couplesBatch()}).</li>
 * </ul>
 * Implementations are stateless and thread-safe; all randomness comes from the {@code random} argument. Images are
 * CHW in [0, 1].
 */
public interface PretextTask {
    /**
     * The shape of one network input made from images of {@code imageShape}. Throws a
     * {@link org.selfsup4j.core.SelfSupException} ({@code BAD_DATA}) naming the image size and the smallest size the
     * task works with when the images are too small for its geometry.
     */
    InputShape inputShape(InputShape imageShape);

    /**
     * The task fitted to the images it will train on, for tasks that need statistics of the data: inpainting fills
     * its holes with the images' mean colour, colorization weighs its colour bins by their rarity. The trainer calls
     * it once before building the network and trains with the task it returns; the result must depend only on the
     * images (not on their order beyond a fixed sample), so that a resumed run prepares the same task. Default: the
     * task itself.
     */
    default PretextTask prepare(List<Image> images) {
        return this;
    }

    /**
     * How downstream images must be converted before this task's backbone sees them, recorded in the saved model so
     * that fine-tuning and evaluation convert by themselves: colorization's backbone learns on the lightness channel
     * and takes lightness afterwards. Default {@link ImageConversion#NONE}.
     */
    default ImageConversion downstreamConversion() {
        return ImageConversion.NONE;
    }

    /** Network inputs per example, folded into the batch axis through one backbone; 1 unless siamese. */
    default int inputsPerExample() {
        return 1;
    }

    /** Builds the head on the backbone and ends it with one output layer. */
    void addHead(HeadBuilder head);

    /** The name of the loss to use unless the user picks another, for example {@code cross-entropy}. */
    String defaultLoss();

    /**
     * Makes one training batch: {@link #inputsPerExample()} inputs of {@link #inputShape} per example. It may hold
     * more examples than {@code images} (rotation shows each image four times) but never zero for a non-empty list.
     */
    PretextBatch makeBatch(List<Image> images, Random random);

    /**
     * A picture of a target or of the network's prediction for it ({@code values}, one example's row of shape
     * {@code shape}) made from {@code input} (that example's first network input), for previews; empty when the values
     * are not an image. Default: values of shape {@code [1 or 3, h, w]} at the input's height and width, shown as they
     * are (clipped to [0, 1]). Colorization overrides it to put predicted colours on the input's lightness.
     */
    default Optional<Image> picture(Image input, float[] values, int[] shape) {
        if (shape.length != 3 || (shape[0] != 1 && shape[0] != 3) || shape[1] != input.height()
                || shape[2] != input.width()) {
            return Optional.empty();
        }
        float[] px = new float[values.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(0, Math.min(1, values[i]));
        }
        return Optional.of(new Image(shape[0], shape[1], shape[2], px));
    }

    /**
     * What this task does with images of {@code imageShape}, recorded in the run's {@code run.json} (tile geometry,
     * permutation set, corruption list, ...): values are strings, numbers, booleans, lists or maps. Default empty.
     */
    default Map<String, Object> describe(InputShape imageShape) {
        return Map.of();
    }
}
