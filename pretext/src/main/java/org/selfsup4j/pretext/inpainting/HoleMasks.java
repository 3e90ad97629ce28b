package org.selfsup4j.pretext.inpainting;

import java.util.Locale;
import java.util.Random;

/**
 * The holes of the context encoder (Pathak et al. 2016), as {@code boolean[height × width]} (true = hole), drawn
 * for one image size. All sizes scale with the image, so a 28-px image gets the holes a 128-px one gets, shrunk.
 */
enum HoleMasks {
    /** A centred square of half the height and half the width: a quarter of the area. */
    CENTRAL,
    /** Random, possibly overlapping rectangles (sides 1/8 to 1/4 of the image's) covering up to a quarter of it. */
    BLOCKS,
    /**
     * Random regions: uniform noise on a coarse grid (cells of 1/0.06 px at 128 px, as the paper's
     * {@code train_random.lua}), upsampled bicubically, thresholded below 0.25; drawn again until the hole covers
     * 20–30 % of the image.
     */
    REGION;

    /** Largest share of the image the blocks cover. */
    static final double BLOCKS_MAX_SHARE = 0.25;
    static final double REGION_MIN_SHARE = 0.20;
    static final double REGION_MAX_SHARE = 0.30;
    /** The paper's noise resolution: one noise cell per 1/0.06 ≈ 16.7 px at 128 px. */
    static final double REGION_CELL_SHARE = 1 / 0.06 / 128;
    private static final double REGION_THRESHOLD = 0.25;
    private static final int REGION_TRIES = 200;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A fresh hole for an image of {@code height × width}. */
    boolean[] draw(int height, int width, Random random) {
        return switch (this) {
            case CENTRAL -> central(height, width);
            case BLOCKS -> blocks(height, width, random);
            case REGION -> region(height, width, random);
        };
    }

    static boolean[] central(int height, int width) {
        boolean[] hole = new boolean[height * width];
        int h = Math.max(1, height / 2);
        int w = Math.max(1, width / 2);
        fill(hole, width, (height - h) / 2, (width - w) / 2, h, w);
        return hole;
    }

    static boolean[] blocks(int height, int width, Random random) {
        boolean[] hole = new boolean[height * width];
        double target = 0.15 + 0.10 * random.nextDouble();
        int minH = Math.max(1, Math.round(height / 8f));
        int maxH = Math.max(minH, Math.round(height / 4f));
        int minW = Math.max(1, Math.round(width / 8f));
        int maxW = Math.max(minW, Math.round(width / 4f));
        int covered = 0;
        for (int attempt = 0; attempt < 50 && covered < target * hole.length; attempt++) {
            int h = minH + random.nextInt(maxH - minH + 1);
            int w = minW + random.nextInt(maxW - minW + 1);
            int y = random.nextInt(height - h + 1);
            int x = random.nextInt(width - w + 1);
            boolean[] next = hole.clone();
            fill(next, width, y, x, h, w);
            int count = count(next);
            if (count <= BLOCKS_MAX_SHARE * hole.length) {
                hole = next;
                covered = count;
            }
        }
        if (covered == 0) {
            fill(hole, width, height / 2, width / 2, 1, 1);
        }
        return hole;
    }

    static boolean[] region(int height, int width, Random random) {
        double cell = Math.max(1.0, REGION_CELL_SHARE * Math.min(height, width));
        int gh = (int) Math.ceil(height / cell) + 4;
        int gw = (int) Math.ceil(width / cell) + 4;
        boolean[] best = null;
        double bestDistance = Double.MAX_VALUE;
        for (int t = 0; t < REGION_TRIES; t++) {
            float[] grid = new float[gh * gw];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = random.nextFloat();
            }
            boolean[] hole = new boolean[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    hole[y * width + x] = bicubic(grid, gh, gw, 1 + y / cell, 1 + x / cell) < REGION_THRESHOLD;
                }
            }
            double share = (double) count(hole) / hole.length;
            if (share > REGION_MIN_SHARE && share < REGION_MAX_SHARE) {
                return hole;
            }
            double distance = Math.abs(share - 0.25);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = hole;
            }
        }
        return best;
    }

    /** Keys' cubic convolution (a = −0.5) of {@code grid} at fractional (y, x), borders clamped. */
    static double bicubic(float[] grid, int gh, int gw, double y, double x) {
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        double sum = 0;
        for (int j = -1; j <= 2; j++) {
            double wy = keys(y - (y0 + j));
            int yy = Math.min(gh - 1, Math.max(0, y0 + j));
            for (int i = -1; i <= 2; i++) {
                int xx = Math.min(gw - 1, Math.max(0, x0 + i));
                sum += wy * keys(x - (x0 + i)) * grid[yy * gw + xx];
            }
        }
        return sum;
    }

    private static double keys(double t) {
        double a = -0.5;
        double d = Math.abs(t);
        if (d <= 1) {
            return (a + 2) * d * d * d - (a + 3) * d * d + 1;
        }
        if (d < 2) {
            return a * d * d * d - 5 * a * d * d + 8 * a * d - 4 * a;
        }
        return 0;
    }

    static void fill(boolean[] mask, int width, int y, int x, int h, int w) {
        for (int yy = y; yy < y + h; yy++) {
            for (int xx = x; xx < x + w; xx++) {
                mask[yy * width + xx] = true;
            }
        }
    }

    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
