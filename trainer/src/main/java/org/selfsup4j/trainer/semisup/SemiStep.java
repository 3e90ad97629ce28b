package org.selfsup4j.trainer.semisup;

/**
 * What one semi-supervised step saw. {@code objective}: DL4J's score of the weighted training batch (training mode,
 * before the update). {@code supervised}: mean cross-entropy of the labeled examples and {@code tsaKept} the share TSA
 * kept, both from the target pass (inference mode, before the update). {@code maskShare}: share of unlabeled examples
 * whose target passed the confidence mask. {@code consistency}: (1/U) Σ mask · KL(target ‖ prediction on the strong
 * view), from an extra inference pass every few steps (NaN in between). {@code tsaThreshold}: η_t (1 without TSA).
 */
public record SemiStep(long step, double objective, double supervised, double consistency, double maskShare,
                       double tsaThreshold, double tsaKept, double learningRate, double seconds) {
}
