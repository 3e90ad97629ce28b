package org.selfsup4j.pretext.restoration;

import java.util.Arrays;
import java.util.Random;

/**
 * The image transforms of Models Genesis (Zhou et al. 2019/2021), in 2-D, on CHW arrays of values in [0, 1]. Each
 * follows the authors' {@code utils.py}; sizes given there for 64×64×32 volumes are scaled to the image's side.
 */
final class GenesisTransforms {
    /** Points the Bézier curve is sampled at (the authors sample 100,000; 10,000 leave a step below 1e-3). */
    static final int CURVE_POINTS = 10_000;
    /**
     * How often, on average, local shuffling windows cover each pixel: the authors' 10,000 windows of mean size
     * 3.5 × 3.5 × 2 voxels on 64 × 64 × 32 volumes.
     */
    static final double SHUFFLE_COVERAGE = 10_000 * 3.5 * 3.5 * 2 / (64.0 * 64 * 32);

    private GenesisTransforms() {
    }

    /**
     * The intensity mapping of a random cubic Bézier curve from (0, 0) to (1, 1) with two uniform random control
     * points: increasing, or (half the time, {@code inverted}) the same curve's x values paired with its y values in
     * reverse order, which maps 0 near 1 and 1 near 0. Returns {xs, ys} with xs sorted, for {@link #interpolate}.
     */
    static double[][] bezierMapping(Random random, boolean inverted) {
        double x1 = random.nextDouble();
        double y1 = random.nextDouble();
        double x2 = random.nextDouble();
        double y2 = random.nextDouble();
        double[] xs = new double[CURVE_POINTS];
        double[] ys = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            double t = (double) i / (CURVE_POINTS - 1);
            double u = 1 - t;
            xs[i] = 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t;
            ys[i] = 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t;
        }
        Arrays.sort(xs);
        if (inverted) {
            double[] reversed = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) {
                reversed[i] = ys[CURVE_POINTS - 1 - i];
            }
            ys = reversed;
        } else {
            Arrays.sort(ys);
        }
        return new double[][] {xs, ys};
    }

    /** Piecewise-linear interpolation of (xs, ys) at v, clamped to the end values outside (numpy's {@code interp}). */
    static double interpolate(double[] xs, double[] ys, double v) {
        if (v <= xs[0]) {
            return ys[0];
        }
        if (v >= xs[xs.length - 1]) {
            return ys[ys.length - 1];
        }
        int i = Arrays.binarySearch(xs, v);
        if (i >= 0) {
            return ys[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double span = xs[hi] - xs[lo];
        double w = span == 0 ? 0 : (v - xs[lo]) / span;
        return ys[lo] + w * (ys[hi] - ys[lo]);
    }

    /** Every value mapped through the curve. */
    static float[] nonlinear(float[] px, double[][] mapping) {
        float[] out = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = (float) interpolate(mapping[0], mapping[1], px[i]);
        }
        return out;
    }

    /** Largest local-shuffling window side for images of {@code side} pixels: a tenth, at least 1. */
    static int shuffleWindow(int side) {
        return Math.max(1, side / 10);
    }

    /**
     * Local pixel shuffling: windows of random size (1 to a tenth of each side) at random places, each read from the
     * untouched image and written back with its pixels permuted (the same permutation for every channel), enough
     * windows to cover each pixel {@link #SHUFFLE_COVERAGE} times on average.
     */
    static float[] localShuffle(float[] px, int channels, int height, int width, Random random) {
        float[] out = px.clone();
        int maxH = shuffleWindow(height);
        int maxW = shuffleWindow(width);
        double meanArea = (maxH + 1) / 2.0 * (maxW + 1) / 2.0;
        int windows = (int) Math.round(SHUFFLE_COVERAGE * height * width / meanArea);
        for (int k = 0; k < windows; k++) {
            int h = 1 + random.nextInt(maxH);
            int w = 1 + random.nextInt(maxW);
            int y = random.nextInt(height - h + 1);
            int x = random.nextInt(width - w + 1);
            shuffleWindow(px, out, channels, height, width, y, x, h, w, random);
        }
        return out;
    }

    /** One window of {@link #localShuffle}: {@code out}'s window gets {@code source}'s window, pixels permuted. */
    static void shuffleWindow(float[] source, float[] out, int channels, int height, int width, int y, int x, int h,
                              int w, Random random) {
        int n = h * w;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                int from = perm[i];
                out[c * plane + (y + i / w) * width + x + i % w] = source[c * plane + (y + from / w) * width + x + from % w];
            }
        }
    }

    /** The authors' 3-px margin at 64 px, scaled to {@code side}. */
    static int margin(int side) {
        return Math.round(3f * side / 64);
    }

    /**
     * In-painting: up to 5 boxes (each after the first with probability 0.95) of sides 1/6 to 1/3 of the image's,
     * inside the margin, filled with uniform noise.
     */
    static float[] inPaint(float[] px, int channels, int height, int width, Random random) {
        float[] out = px.clone();
        for (int count = 5; count > 0 && random.nextDouble() < 0.95; count--) {
            int[] box = box(height, width, Math.max(1, height / 6), Math.max(1, height / 3), Math.max(1, width / 6),
                    Math.max(1, width / 3), random);
            forBox(box, channels, height, width, i -> out[i] = random.nextFloat());
        }
        return out;
    }

    /**
     * Out-painting: the whole image replaced by uniform noise, then one box of the original (sides 3/7 to 4/7 of the
     * image's) put back, and up to 4 more, each with probability 0.95.
     */
    static float[] outPaint(float[] px, int channels, int height, int width, Random random) {
        float[] out = new float[px.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextFloat();
        }
        int boxes = 1;
        for (int count = 4; count > 0 && random.nextDouble() < 0.95; count--) {
            boxes++;
        }
        for (int k = 0; k < boxes; k++) {
            int[] box = box(height, width, height - 4 * height / 7, height - 3 * height / 7, width - 4 * width / 7,
                    width - 3 * width / 7, random);
            forBox(box, channels, height, width, i -> out[i] = px[i]);
        }
        return out;
    }

    /** {y, x, h, w}: a box with sides drawn in the ranges, placed at random inside the margin where it fits. */
    static int[] box(int height, int width, int minH, int maxH, int minW, int maxW, Random random) {
        int h = Math.max(1, minH + random.nextInt(Math.max(1, maxH - minH + 1)));
        int w = Math.max(1, minW + random.nextInt(Math.max(1, maxW - minW + 1)));
        h = Math.min(h, height);
        w = Math.min(w, width);
        int my = Math.min(margin(height), (height - h) / 2);
        int mx = Math.min(margin(width), (width - w) / 2);
        int y = my + random.nextInt(height - h - 2 * my + 1);
        int x = mx + random.nextInt(width - w - 2 * mx + 1);
        return new int[] {y, x, h, w};
    }

    private static void forBox(int[] box, int channels, int height, int width, java.util.function.IntConsumer action) {
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = box[0]; y < box[0] + box[2]; y++) {
                for (int x = box[1]; x < box[1] + box[3]; x++) {
                    action.accept(c * plane + y * width + x);
                }
            }
        }
    }

    /** The image mirrored top-bottom ({@code vertical}) or left-right. */
    static float[] flip(float[] px, int channels, int height, int width, boolean vertical) {
        float[] out = new float[px.length];
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sy = vertical ? height - 1 - y : y;
                    int sx = vertical ? x : width - 1 - x;
                    out[c * plane + y * width + x] = px[c * plane + sy * width + sx];
                }
            }
        }
        return out;
    }
}
