package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * Gaussian blur with standard deviation {@code sigma} pixels: a separable kernel of radius ceil(3σ) (weights
 * exp(−d² / 2σ²), normalised to sum 1), borders mirrored (reflect, edge pixel not repeated). σ ≤ 0 is the identity.
 */
public final class Blur {
    private Blur() {
    }

    public static Image gaussian(Image image, double sigma) {
        if (sigma <= 0) {
            return image;
        }
        int radius = (int) Math.ceil(3 * sigma);
        float[] k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = (float) Math.exp(-(i * i) / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        int c = image.channels();
        int h = image.height();
        int w = image.width();
        float[] src = image.pixels();
        float[] tmp = new float[src.length];
        float[] out = new float[src.length];
        for (int ch = 0; ch < c; ch++) {
            int b = ch * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int d = -radius; d <= radius; d++) {
                        s += k[d + radius] * src[b + y * w + Borders.reflect(x + d, w)];
                    }
                    tmp[b + y * w + x] = s;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float s = 0;
                    for (int d = -radius; d <= radius; d++) {
                        s += k[d + radius] * tmp[b + Borders.reflect(y + d, h) * w + x];
                    }
                    out[b + y * w + x] = s;
                }
            }
        }
        return Pixels.like(image, out);
    }
}
