package org.selfsup4j.trainer.semisup;

/**
 * What one semi-supervised step saw. {@code objective}: DL4J's score of the weighted training batch (training mode,
 * before the update). {@code supervised}: mean cross-entropy of the labeled examples and {@code tsaKept} the share TSA
 * kept, both from the target pass (inference mode, before the update). {@code maskShare}: share of unlabeled examples
 * whose target passed the confidence mask. {@code consistency}: (1/U) Σ mask · KL(target ‖ prediction on the strong
 * view), from an extra inference pass every few steps (NaN in between). {@code tsaThreshold}: η_t (1 without TSA).
 * {@code featureConsistency}: W · (1/U) Σ d(strong view's normalised features, source view's), from the same pass
 * (NaN in between and without the term; checkpoints written before it existed read as NaN). MixMatch has no mask or
 * TSA (share NaN, threshold and kept 1) and its consistency is the mean squared error of the mixed unlabeled rows'
 * probabilities against their mixed guessed labels, (1/2U) Σ (1/L) ‖q' − p‖², before λ_u.
 */
public record SemiStep(long step, double objective, double supervised, double consistency, double maskShare,
                       double tsaThreshold, double tsaKept, double learningRate, double seconds,
                       double featureConsistency) {
    /** The fields in declaration order, for checkpoints. */
    double[] toArray() {
        return new double[] {step, objective, supervised, consistency, maskShare, tsaThreshold, tsaKept, learningRate,
            seconds, featureConsistency};
    }

    static SemiStep fromArray(double[] v) {
        return new SemiStep((long) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v.length > 9 ? v[9] : Double.NaN);
    }
}
