package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/** Colour-space operations on 3-channel images: grayscale (luma in every channel) and hue rotation in HSV. */
public final class ColourSpace {
    private ColourSpace() {
    }

    /** Luma (0.299 R + 0.587 G + 0.114 B) in all channels; a 1-channel image is returned as it is. */
    public static Image grayscale(Image image) {
        if (image.channels() == 1) {
            return image;
        }
        float[] luma = Pixels.luma(image);
        int hw = luma.length;
        float[] out = new float[3 * hw];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(luma, 0, out, c * hw, hw);
        }
        return Pixels.like(image, out);
    }

    /** Adds {@code shift} (in turns, −0.5..0.5) to the hue of every pixel, keeping saturation and value. */
    public static Image hue(Image image, float shift) {
        if (image.channels() != 3) {
            throw new IllegalArgumentException("hue needs 3 channels, got " + image.channels());
        }
        int hw = image.height() * image.width();
        float[] s = image.pixels();
        float[] out = new float[s.length];
        for (int i = 0; i < hw; i++) {
            float r = s[i];
            float g = s[hw + i];
            float b = s[2 * hw + i];
            float max = Math.max(r, Math.max(g, b));
            float min = Math.min(r, Math.min(g, b));
            float h = hueOf(r, g, b, max, min);
            h = h + shift - (float) Math.floor(h + shift);
            float sat = max == 0 ? 0 : (max - min) / max;
            float[] rgb = fromHsv(h, sat, max);
            out[i] = rgb[0];
            out[hw + i] = rgb[1];
            out[2 * hw + i] = rgb[2];
        }
        return Pixels.like(image, out);
    }

    static float hueOf(float r, float g, float b, float max, float min) {
        float d = max - min;
        if (d == 0) {
            return 0;
        }
        float h;
        if (max == r) {
            h = (g - b) / d;
        } else if (max == g) {
            h = 2 + (b - r) / d;
        } else {
            h = 4 + (r - g) / d;
        }
        h /= 6;
        return h < 0 ? h + 1 : h;
    }

    static float[] fromHsv(float h, float s, float v) {
        float hh = h * 6;
        int sector = (int) Math.floor(hh) % 6;
        float f = hh - (float) Math.floor(hh);
        float p = v * (1 - s);
        float q = v * (1 - s * f);
        float t = v * (1 - s * (1 - f));
        return switch (sector) {
            case 0 -> new float[] {v, t, p};
            case 1 -> new float[] {q, v, p};
            case 2 -> new float[] {p, v, t};
            case 3 -> new float[] {p, q, v};
            case 4 -> new float[] {t, p, v};
            default -> new float[] {v, p, q};
        };
    }
}
