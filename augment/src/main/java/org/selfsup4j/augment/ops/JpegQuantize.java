package org.selfsup4j.augment.ops;

import org.selfsup4j.core.image.Image;

/**
 * JPEG-like compression artefacts without a codec: each channel is cut into 8×8 blocks (edge blocks padded by
 * repeating the last row / column), levels (v × 255 − 128) go through the 2-D DCT-II, each coefficient is rounded to a
 * multiple of the JPEG standard's luminance quantisation table (Annex K) scaled for {@code quality} 1..100 as libjpeg
 * does (scale = 5000 / q below 50, 200 − 2q from 50; entries (t × scale + 50) / 100, at least 1), and the block is
 * transformed back. Quality 100 changes values by at most rounding.
 */
public final class JpegQuantize {
    private static final int[] LUMINANCE = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    private static final double[][] COS = new double[8][8];

    static {
        for (int x = 0; x < 8; x++) {
            for (int u = 0; u < 8; u++) {
                COS[x][u] = Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private JpegQuantize() {
    }

    /** The quantisation table for a quality in [1, 100]. */
    static int[] table(int quality) {
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int[] t = new int[64];
        for (int i = 0; i < 64; i++) {
            t[i] = Math.max(1, Math.min(255, (LUMINANCE[i] * scale + 50) / 100));
        }
        return t;
    }

    public static Image apply(Image image, int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be in [1, 100], got " + quality);
        }
        int[] q = table(quality);
        int h = image.height();
        int w = image.width();
        float[] src = image.pixels();
        float[] out = new float[src.length];
        double[][] block = new double[8][8];
        double[][] coef = new double[8][8];
        for (int c = 0; c < image.channels(); c++) {
            int b = c * h * w;
            for (int by = 0; by < h; by += 8) {
                for (int bx = 0; bx < w; bx += 8) {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            int sy = Math.min(h - 1, by + y);
                            int sx = Math.min(w - 1, bx + x);
                            block[y][x] = src[b + sy * w + sx] * 255.0 - 128.0;
                        }
                    }
                    for (int v = 0; v < 8; v++) {
                        for (int u = 0; u < 8; u++) {
                            double s = 0;
                            for (int y = 0; y < 8; y++) {
                                for (int x = 0; x < 8; x++) {
                                    s += block[y][x] * COS[x][u] * COS[y][v];
                                }
                            }
                            double cu = u == 0 ? Math.sqrt(0.5) : 1;
                            double cv = v == 0 ? Math.sqrt(0.5) : 1;
                            double d = 0.25 * cu * cv * s;
                            int step = q[v * 8 + u];
                            coef[v][u] = Math.round(d / step) * (double) step;
                        }
                    }
                    for (int y = 0; y < 8 && by + y < h; y++) {
                        for (int x = 0; x < 8 && bx + x < w; x++) {
                            double s = 0;
                            for (int v = 0; v < 8; v++) {
                                for (int u = 0; u < 8; u++) {
                                    double cu = u == 0 ? Math.sqrt(0.5) : 1;
                                    double cv = v == 0 ? Math.sqrt(0.5) : 1;
                                    s += cu * cv * coef[v][u] * COS[x][u] * COS[y][v];
                                }
                            }
                            out[b + (by + y) * w + bx + x] = Pixels.clip((float) ((0.25 * s + 128.0) / 255.0));
                        }
                    }
                }
            }
        }
        return Pixels.like(image, out);
    }
}
