package org.selfsup4j.pretext.colorization;

import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.image.CieLab;

/**
 * The quantised ab colour space of Zhang et al. (2016): a grid of step 10 over a, b ∈ [−110, 110], keeping the bins
 * that sRGB colours fall into (the in-gamut bins). In-gamut is found by converting a 64-level sRGB cube (262,144
 * colours) to Lab and marking the nearest grid point of each: 261 bins (a 32-level cube gives 259, 128 levels 262,
 * so the set has converged). The paper lists 313, from its own hull of the ab plane; the extra bins lie outside what
 * sRGB colours round to.
 */
final class AbBins {
    static final int STEP = 10;
    static final int HALF_RANGE = 110;
    private static final int SIDE = 2 * HALF_RANGE / STEP + 1;
    private static final int CUBE_LEVELS = 64;

    private final double[] a;
    private final double[] b;
    /** Grid cell (row-major over SIDE × SIDE) → bin index, −1 if out of gamut. */
    private final int[] binOfCell;

    private AbBins(double[] a, double[] b, int[] binOfCell) {
        this.a = a;
        this.b = b;
        this.binOfCell = binOfCell;
    }

    /** The in-gamut bins for sRGB. */
    static AbBins inGamut() {
        boolean[] hit = new boolean[SIDE * SIDE];
        for (int r = 0; r < CUBE_LEVELS; r++) {
            for (int g = 0; g < CUBE_LEVELS; g++) {
                for (int bl = 0; bl < CUBE_LEVELS; bl++) {
                    double[] lab = CieLab.fromRgb(r / (CUBE_LEVELS - 1.0), g / (CUBE_LEVELS - 1.0), bl / (CUBE_LEVELS - 1.0));
                    hit[cell(lab[1], lab[2])] = true;
                }
            }
        }
        List<double[]> centres = new ArrayList<>();
        int[] binOfCell = new int[SIDE * SIDE];
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                int c = i * SIDE + j;
                binOfCell[c] = hit[c] ? centres.size() : -1;
                if (hit[c]) {
                    centres.add(new double[] {i * STEP - HALF_RANGE, j * STEP - HALF_RANGE});
                }
            }
        }
        double[] a = new double[centres.size()];
        double[] b = new double[centres.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = centres.get(k)[0];
            b[k] = centres.get(k)[1];
        }
        return new AbBins(a, b, binOfCell);
    }

    /** The grid cell nearest (a, b), clamped to the grid. */
    static int cell(double a, double b) {
        int i = (int) Math.round((Math.max(-HALF_RANGE, Math.min(HALF_RANGE, a)) + HALF_RANGE) / STEP);
        int j = (int) Math.round((Math.max(-HALF_RANGE, Math.min(HALF_RANGE, b)) + HALF_RANGE) / STEP);
        return i * SIDE + j;
    }

    int count() {
        return a.length;
    }

    double a(int bin) {
        return a[bin];
    }

    double b(int bin) {
        return b[bin];
    }

    /** The in-gamut bin whose centre is nearest (a, b). */
    int nearest(double av, double bv) {
        int c = binOfCell[cell(av, bv)];
        if (c >= 0) {
            return c;
        }
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int k = 0; k < a.length; k++) {
            double d = (a[k] - av) * (a[k] - av) + (b[k] - bv) * (b[k] - bv);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        return best;
    }

    /**
     * Zhang's soft encoding: the {@code k} nearest bins of (a, b), weighted by a Gaussian of their distance (σ),
     * normalised to sum 1, written into {@code out} at {@code offset + bin × stride} (other values left as they are).
     */
    void softEncode(double av, double bv, int k, double sigma, float[] out, int offset, int stride) {
        int[] idx = new int[k];
        double[] dist = new double[k];
        java.util.Arrays.fill(dist, Double.MAX_VALUE);
        int centre = cell(av, bv);
        int ci = centre / SIDE;
        int cj = centre % SIDE;
        // the k nearest lie within 3 cells for k ≤ 9; search the 7×7 neighbourhood, then all bins if too few were found
        int found = 0;
        for (int pass = 0; pass < 2 && found < k; pass++) {
            found = 0;
            java.util.Arrays.fill(dist, Double.MAX_VALUE);
            for (int bin = 0; bin < a.length; bin++) {
                if (pass == 0) {
                    int bi = (int) Math.round((a[bin] + HALF_RANGE) / STEP);
                    int bj = (int) Math.round((b[bin] + HALF_RANGE) / STEP);
                    if (Math.abs(bi - ci) > 3 || Math.abs(bj - cj) > 3) {
                        continue;
                    }
                }
                double d = (a[bin] - av) * (a[bin] - av) + (b[bin] - bv) * (b[bin] - bv);
                found++;
                if (d < dist[k - 1]) {
                    int p = k - 1;
                    while (p > 0 && dist[p - 1] > d) {
                        dist[p] = dist[p - 1];
                        idx[p] = idx[p - 1];
                        p--;
                    }
                    dist[p] = d;
                    idx[p] = bin;
                }
            }
        }
        double sum = 0;
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = Math.exp(-dist[i] / (2 * sigma * sigma));
            sum += w[i];
        }
        for (int i = 0; i < k; i++) {
            out[offset + idx[i] * stride] = (float) (w[i] / sum);
        }
    }
}
