package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * Per-pixel tone maps with PIL's {@code ImageOps} meaning, on [0, 1] images.
 * <ul>
 * <li>{@link #invert}: v → 1 − v.</li>
 * <li>{@link #solarize}: v → v if v &lt; threshold, else 1 − v. With an 8-bit image and threshold T / 255 this is
 *     PIL's {@code solarize(img, T)}; threshold &gt; 1 is the identity, 0 is {@link #invert}.</li>
 * <li>{@link #posterize}: keep the top {@code bits} bits of the 8-bit level: v → (level(v) AND mask) / 255, with
 *     mask = 256 − 2^(8 − bits); bits 8 is the identity (output quantised to 8 bits).</li>
 * <li>{@link #autoContrast}: per channel, (v − min) / (max − min); a constant channel is left unchanged.</li>
 * <li>{@link #equalize}: PIL's histogram equalisation per channel on 256 levels: with h the histogram and n the
 *     pixel count, step = (n − h[last non-empty level]) / 255 (integer division); if step is 0 the channel is
 *     unchanged, else level i maps to min(255, (step / 2 + Σ_{j&lt;i} h[j]) / step). Output quantised to 8 bits.</li>
 * </ul>
 */
public final class Tone {
    private Tone() {
    }

    public static Image invert(Image image) {
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = 1f - src[i];
        }
        return Pixels.like(image, out);
    }

    public static Image solarize(Image image, float threshold) {
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = src[i] < threshold ? src[i] : 1f - src[i];
        }
        return Pixels.like(image, out);
    }

    public static Image posterize(Image image, int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("bits must be in [1, 8], got " + bits);
        }
        int mask = 256 - (1 << (8 - bits));
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (Pixels.level(src[i]) & mask) / 255f;
        }
        return Pixels.like(image, out);
    }

    public static Image autoContrast(Image image) {
        int hw = image.height() * image.width();
        float[] src = image.pixels();
        float[] out = src.clone();
        for (int c = 0; c < image.channels(); c++) {
            float lo = Float.MAX_VALUE;
            float hi = -Float.MAX_VALUE;
            for (int i = c * hw; i < (c + 1) * hw; i++) {
                lo = Math.min(lo, src[i]);
                hi = Math.max(hi, src[i]);
            }
            if (hi > lo) {
                float scale = 1f / (hi - lo);
                for (int i = c * hw; i < (c + 1) * hw; i++) {
                    out[i] = Pixels.clip((src[i] - lo) * scale);
                }
            }
        }
        return Pixels.like(image, out);
    }

    public static Image equalize(Image image) {
        int hw = image.height() * image.width();
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int c = 0; c < image.channels(); c++) {
            int[] hist = new int[256];
            for (int i = c * hw; i < (c + 1) * hw; i++) {
                hist[Pixels.level(src[i])]++;
            }
            int last = 255;
            while (hist[last] == 0) {
                last--;
            }
            int step = (hw - hist[last]) / 255;
            if (step == 0) {
                for (int i = c * hw; i < (c + 1) * hw; i++) {
                    out[i] = Pixels.level(src[i]) / 255f;
                }
                continue;
            }
            int[] lut = new int[256];
            int n = step / 2;
            for (int i = 0; i < 256; i++) {
                lut[i] = Math.min(255, n / step);
                n += hist[i];
            }
            for (int i = c * hw; i < (c + 1) * hw; i++) {
                out[i] = lut[Pixels.level(src[i])] / 255f;
            }
        }
        return Pixels.like(image, out);
    }
}
