package org.selfsup4j.trainer.semisup;

/**
 * Per-example weights that make DL4J's loss — the mean over the whole batch of weight × loss — equal to the
 * semi-supervised objective
 * <pre>
 *   L = Σ_i tsa_i · CE(y_i, p_i) / max(Σ_i tsa_i, 1)  +  λ · Σ_j mask_j · CE(t_j, q_j) / U
 * </pre>
 * over B labeled examples i and U unlabeled examples j (UDA's normalisation: the supervised term averages over the
 * labeled examples TSA keeps, the consistency term over all unlabeled ones). With N = B + U examples in the batch,
 * labeled weights are N · tsa_i / max(Σ tsa, 1) and unlabeled weights N · λ · mask_j / U.
 */
public final class StepWeights {
    private StepWeights() {
    }

    /** Weights for the labeled rows followed by the unlabeled rows. */
    public static float[] of(float[] tsa, float[] mask, double lambda) {
        int b = tsa.length;
        int u = mask.length;
        int n = b + u;
        double kept = 0;
        for (float t : tsa) {
            kept += t;
        }
        double supScale = n / Math.max(kept, 1.0);
        float[] w = new float[n];
        for (int i = 0; i < b; i++) {
            w[i] = (float) (supScale * tsa[i]);
        }
        for (int j = 0; j < u; j++) {
            w[b + j] = (float) (n * lambda * mask[j] / u);
        }
        return w;
    }
}
