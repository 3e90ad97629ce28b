package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * PIL's {@code ImageEnhance} operations on [0, 1] images: each blends the image with a "degenerate" version,
 * {@code out = clip(degenerate + factor × (image − degenerate))}, so factor 1 is the identity, 0 the degenerate image
 * and factors above 1 extrapolate.
 * <ul>
 * <li>{@link #brightness}: degenerate = black (so out = clip(factor × v)).</li>
 * <li>{@link #contrast}: degenerate = the mean luma of the image, everywhere (PIL rounds that mean to a whole 8-bit
 *     level; we keep it exact so 16-bit images are not quantised).</li>
 * <li>{@link #color} (saturation): degenerate = the luma image in every channel; 3 channels only.</li>
 * <li>{@link #sharpness}: degenerate = the image smoothed with the 3×3 kernel [1 1 1; 1 5 1; 1 1 1] / 13, border
 *     pixels left as they are (as PIL does).</li>
 * </ul>
 */
public final class Enhance {
    private Enhance() {
    }

    public static Image brightness(Image image, float factor) {
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = Pixels.clip(factor * src[i]);
        }
        return Pixels.like(image, out);
    }

    public static Image contrast(Image image, float factor) {
        float[] luma = Pixels.luma(image);
        double sum = 0;
        for (float v : luma) {
            sum += v;
        }
        float mean = (float) (sum / luma.length);
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = Pixels.clip(mean + factor * (src[i] - mean));
        }
        return Pixels.like(image, out);
    }

    /** Saturation; only meaningful on 3 channels. */
    public static Image color(Image image, float factor) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("color needs 3 channels, got " + image.channels());
        }
        float[] luma = Pixels.luma(image);
        int hw = luma.length;
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < hw; i++) {
                out[c * hw + i] = Pixels.clip(luma[i] + factor * (src[c * hw + i] - luma[i]));
            }
        }
        return Pixels.like(image, out);
    }

    public static Image sharpness(Image image, float factor) {
        int h = image.height();
        int w = image.width();
        float[] src = image.pixels();
        float[] out = src.clone();
        for (int c = 0; c < image.channels(); c++) {
            int b = c * h * w;
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    int i = b + y * w + x;
                    float s = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            s += src[i + dy * w + dx];
                        }
                    }
                    float smooth = (s + 4 * src[i]) / 13f;
                    out[i] = Pixels.clip(smooth + factor * (src[i] - smooth));
                }
            }
        }
        return Pixels.like(image, out);
    }
}
