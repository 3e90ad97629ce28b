package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/** Small shared helpers for the operations: clipping, luma, and building an image like another. */
final class Pixels {
    private Pixels() {
    }

    static float clip(float v) {
        return v < 0f ? 0f : (v > 1f ? 1f : v);
    }

    /** An image of the same shape as {@code like} with the given pixels. */
    static Image like(Image like, float[] pixels) {
        return new Image(like.channels(), like.height(), like.width(), pixels);
    }

    /**
     * Luma per pixel, as PIL's {@code convert("L")}: 0.299 R + 0.587 G + 0.114 B for 3 channels, the value itself
     * for 1 channel.
     */
    static float[] luma(Image image) {
        int hw = image.height() * image.width();
        float[] src = image.pixels();
        if (image.channels() == 1) {
            return src.clone();
        }
        float[] l = new float[hw];
        for (int i = 0; i < hw; i++) {
            l[i] = 0.299f * src[i] + 0.587f * src[hw + i] + 0.114f * src[2 * hw + i];
        }
        return l;
    }

    /** The 8-bit level of a value: round(v × 255), as PIL sees a pixel. */
    static int level(float v) {
        return Math.round(clip(v) * 255f);
    }
}
