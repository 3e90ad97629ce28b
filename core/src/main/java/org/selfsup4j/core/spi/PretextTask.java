package org.selfsup4j.core.spi;

import java.util.List;
import java.util.Random;
import org.selfsup4j.core.image.Image;

/**
 * A self-supervised task: it turns unlabeled images into inputs and targets made from the images themselves
 * (rotation: rotated image and its angle class). Implementations are stateless and thread-safe; all randomness comes
 * from the {@code random} argument. Images are CHW in [0, 1]; returned inputs keep the input channel count and size.
 */
public interface PretextTask {
    /** The head this task trains on top of the backbone. */
    HeadSpec head();

    /** The name of the loss to use unless the user picks another, for example {@code cross-entropy}. */
    String defaultLoss();

    /**
     * Makes one training batch. The result may hold more examples than {@code images} (a task may derive several
     * inputs from one image) but never zero for a non-empty list.
     */
    PretextBatch makeBatch(List<Image> images, Random random);
}
