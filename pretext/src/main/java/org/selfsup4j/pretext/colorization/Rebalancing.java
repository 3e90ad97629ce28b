package org.selfsup4j.pretext.colorization;

/**
 * Zhang et al.'s class rebalancing: the empirical distribution p of the pixels' nearest bins, smoothed with a
 * Gaussian of σ = 5 in ab space (p̃), mixed with the uniform distribution, inverted and normalised:
 * w ∝ ((1 − λ) p̃ + λ / Q)⁻¹ with E_p̃[w] = 1. λ = ½ as in the paper. Rare colours weigh more, so the network does not
 * settle for desaturated predictions.
 */
final class Rebalancing {
    static final double LAMBDA = 0.5;
    static final double SIGMA = 5;

    private Rebalancing() {
    }

    /** The weight of each bin, from {@code counts} (pixels per bin). */
    static double[] weights(AbBins bins, double[] counts, double lambda, double sigma) {
        int q = bins.count();
        double total = 0;
        for (double c : counts) {
            total += c;
        }
        double[] smoothed = new double[q];
        double smoothedTotal = 0;
        for (int i = 0; i < q; i++) {
            double s = 0;
            for (int j = 0; j < q; j++) {
                double da = bins.a(i) - bins.a(j);
                double db = bins.b(i) - bins.b(j);
                s += counts[j] / Math.max(total, 1) * Math.exp(-(da * da + db * db) / (2 * sigma * sigma));
            }
            smoothed[i] = s;
            smoothedTotal += s;
        }
        double[] w = new double[q];
        double expectation = 0;
        for (int i = 0; i < q; i++) {
            smoothed[i] = smoothedTotal > 0 ? smoothed[i] / smoothedTotal : 1.0 / q;
            w[i] = 1 / ((1 - lambda) * smoothed[i] + lambda / q);
            expectation += smoothed[i] * w[i];
        }
        for (int i = 0; i < q; i++) {
            w[i] /= expectation;
        }
        return w;
    }
}
