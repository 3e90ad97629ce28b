package org.selfsup4j.core.spi;

import java.util.Random;
import org.selfsup4j.core.image.Image;

/**
 * One image in, one image out. All randomness comes from the {@code random} argument, never from a global source,
 * so the same seed gives the same view. Implementations must be stateless (safe to call from many threads at once)
 * and must not modify the input image.
 */
public interface Augmenter {
    Image apply(Image image, Random random);
}
