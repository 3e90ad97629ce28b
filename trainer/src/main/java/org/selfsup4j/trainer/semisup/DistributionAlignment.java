package org.selfsup4j.trainer.semisup;

import java.util.Arrays;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Distribution alignment (Berthelot et al., ReMixMatch, 2020, section 3.2): before an unlabeled image's prediction q
 * becomes a target, it is scaled class by class by the ratio of the labeled images' class marginal p(y) to the
 * model's running mean prediction on unlabeled images p̃(y), and renormalised:
 * <pre>
 *   q̃_k = (q_k · p(y)_k / p̃(y)_k) / Σ_c (q_c · p(y)_c / p̃(y)_c)
 * </pre>
 * p̃(y) is the mean of the last {@value #WINDOW} batches' mean predictions (the paper's window), the current batch
 * included ({@link #observe} before {@link #align}). A network that starts predicting one class for most unlabeled
 * images raises that class's p̃ and so lowers it in every target, which breaks the loop by which sharpened guesses
 * reinforce the class the network leans to (MixMatch's collapse at 100 labels). Mutable; its state is saved with
 * the run's checkpoints ({@link #state}, {@link #restore}) so a resumed run aligns as an uninterrupted one.
 */
public final class DistributionAlignment {
    /** Batches in the running mean of the model's predictions (ReMixMatch's 128). */
    public static final int WINDOW = 128;
    private static final double FLOOR = 1e-6;

    private final double[] labeledMarginal;
    private final double[][] batchMeans;
    private long observed;

    /** Aligns towards the class marginal of labeled images with these per-class counts. */
    public DistributionAlignment(int[] labeledClassCounts) {
        double total = 0;
        for (int c : labeledClassCounts) {
            if (c < 0) {
                throw new IllegalArgumentException("Negative class count in " + Arrays.toString(labeledClassCounts));
            }
            total += c;
        }
        if (labeledClassCounts.length == 0 || total == 0) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "Distribution alignment needs labeled images; class counts "
                    + Arrays.toString(labeledClassCounts));
        }
        labeledMarginal = new double[labeledClassCounts.length];
        for (int k = 0; k < labeledClassCounts.length; k++) {
            labeledMarginal[k] = labeledClassCounts[k] / total;
        }
        batchMeans = new double[WINDOW][labeledClassCounts.length];
    }

    /** Adds the mean of {@code predictions} (one probability row per unlabeled image of this batch) to the window. */
    public void observe(float[][] predictions) {
        if (predictions.length == 0) {
            return;
        }
        double[] mean = batchMeans[(int) (observed % WINDOW)];
        Arrays.fill(mean, 0);
        for (float[] p : predictions) {
            requireClasses(p);
            for (int k = 0; k < p.length; k++) {
                mean[k] += p[k] / (double) predictions.length;
            }
        }
        observed++;
    }

    /** p̃(y): the mean of the window's batch means; the labeled marginal before any batch was observed. */
    public double[] modelMarginal() {
        int n = (int) Math.min(observed, WINDOW);
        if (n == 0) {
            return labeledMarginal.clone();
        }
        double[] m = new double[labeledMarginal.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m.length; k++) {
                m[k] += batchMeans[i][k] / n;
            }
        }
        return m;
    }

    /** Observes this batch's predictions ({@link #observe}) and aligns each of them in place. */
    public void observeAndAlign(float[][] predictions) {
        observe(predictions);
        double[] model = modelMarginal();
        for (float[] q : predictions) {
            align(q, model, q);
        }
    }

    /** Writes q̃ for the prediction {@code q} into {@code out} (which may be {@code q}). */
    public void align(float[] q, float[] out) {
        requireClasses(q);
        align(q, modelMarginal(), out);
    }

    private void align(float[] q, double[] model, float[] out) {
        double[] scaled = new double[q.length];
        double sum = 0;
        for (int k = 0; k < q.length; k++) {
            scaled[k] = q[k] * labeledMarginal[k] / Math.max(model[k], FLOOR);
            sum += scaled[k];
        }
        for (int k = 0; k < q.length; k++) {
            out[k] = (float) (sum > 0 ? scaled[k] / sum : q[k]);
        }
    }

    /** The window and the number of batches observed, for a checkpoint. */
    public double[][] state() {
        double[][] s = new double[WINDOW + 1][];
        s[0] = new double[] {observed};
        for (int i = 0; i < WINDOW; i++) {
            s[i + 1] = batchMeans[i].clone();
        }
        return s;
    }

    /** An alignment with the labeled marginal of {@code labeledClassCounts} and the window of {@code state}. */
    public static DistributionAlignment restore(int[] labeledClassCounts, double[][] state) {
        DistributionAlignment a = new DistributionAlignment(labeledClassCounts);
        if (state.length != WINDOW + 1 || state[0].length != 1) {
            throw new IllegalArgumentException("Distribution-alignment state has " + state.length + " rows, expected "
                    + (WINDOW + 1));
        }
        a.observed = (long) state[0][0];
        for (int i = 0; i < WINDOW; i++) {
            if (state[i + 1].length != labeledClassCounts.length) {
                throw new IllegalArgumentException("Distribution-alignment state has " + state[i + 1].length
                        + " classes, expected " + labeledClassCounts.length);
            }
            a.batchMeans[i] = state[i + 1].clone();
        }
        return a;
    }

    private void requireClasses(float[] p) {
        if (p.length != labeledMarginal.length) {
            throw new IllegalArgumentException("Prediction has " + p.length + " classes, expected "
                    + labeledMarginal.length);
        }
    }
}
