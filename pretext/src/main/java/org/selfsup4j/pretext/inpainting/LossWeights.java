package org.selfsup4j.pretext.inpainting;

/**
 * Where the context encoder's reconstruction loss looks: weight 1 in the hole, {@code bandWeight} in a band of
 * {@code band} pixels around it (the paper: 4 px at 128 px, weighted ×10, so the filled hole continues its
 * surroundings), 0 everywhere else; normalised to sum to 1, so the loss is a weighted mean squared error.
 */
final class LossWeights {
    private LossWeights() {
    }

    /** The band width for images of {@code side} pixels: 4 px at 128 px, at least 1. */
    static int bandFor(int side) {
        return Math.max(1, Math.round(4f * side / 128));
    }

    /** Pixels outside the hole within {@code band} pixels (Chebyshev distance) of it. */
    static boolean[] band(boolean[] hole, int height, int width, int band) {
        boolean[] out = new boolean[hole.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (!hole[y * width + x]) {
                    continue;
                }
                for (int yy = Math.max(0, y - band); yy <= Math.min(height - 1, y + band); yy++) {
                    for (int xx = Math.max(0, x - band); xx <= Math.min(width - 1, x + band); xx++) {
                        if (!hole[yy * width + xx]) {
                            out[yy * width + xx] = true;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Per-pixel weights summing to 1: 1 in the hole, {@code bandWeight} in the band, 0 elsewhere (before scaling). */
    static float[] of(boolean[] hole, boolean[] band, double bandWeight) {
        double total = 0;
        for (int i = 0; i < hole.length; i++) {
            total += hole[i] ? 1 : band[i] ? bandWeight : 0;
        }
        float[] w = new float[hole.length];
        for (int i = 0; i < hole.length; i++) {
            w[i] = (float) ((hole[i] ? 1 : band[i] ? bandWeight : 0) / total);
        }
        return w;
    }
}
