package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * Pixelation: the image is divided into blocks of {@code block} × {@code block} pixels (the last row and column of
 * blocks may be smaller) and every pixel takes its block's mean. Block 1 is the identity.
 */
public final class Pixelate {
    private Pixelate() {
    }

    public static Image apply(Image image, int block) {
        if (block <= 1) {
            return image;
        }
        int h = image.height();
        int w = image.width();
        float[] src = image.pixels();
        float[] out = new float[src.length];
        for (int c = 0; c < image.channels(); c++) {
            int b = c * h * w;
            for (int by = 0; by < h; by += block) {
                for (int bx = 0; bx < w; bx += block) {
                    int y1 = Math.min(h, by + block);
                    int x1 = Math.min(w, bx + block);
                    float s = 0;
                    for (int y = by; y < y1; y++) {
                        for (int x = bx; x < x1; x++) {
                            s += src[b + y * w + x];
                        }
                    }
                    float mean = s / ((y1 - by) * (x1 - bx));
                    for (int y = by; y < y1; y++) {
                        java.util.Arrays.fill(out, b + y * w + bx, b + y * w + x1, mean);
                    }
                }
            }
        }
        return Pixels.like(image, out);
    }
}
