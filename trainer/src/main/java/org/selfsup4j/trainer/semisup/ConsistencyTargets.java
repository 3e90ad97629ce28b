package org.selfsup4j.trainer.semisup;

/**
 * How a method turns the model's prediction on the (clean or weakly augmented) unlabeled image into a training target
 * for the strongly augmented copy, and whether the example counts (mask). The prediction comes from a forward pass
 * whose result is used as data: no gradient can flow into it.
 */
public interface ConsistencyTargets {
    /** Writes the target distribution for {@code probs} into {@code target}; returns the mask weight (0 or 1). */
    float target(float[] probs, float[] target);

    /**
     * UDA: the prediction sharpened with temperature T (softmax of logits / T, i.e. p^(1/T) renormalised; T ≥ 1 or
     * T ≤ 0 means no sharpening), kept where the unsharpened top probability exceeds {@code confidence}. Training
     * cross-entropy against this fixed target has the gradient of KL(target ‖ prediction).
     */
    static ConsistencyTargets uda(double temperature, double confidence) {
        return (probs, target) -> {
            double max = 0;
            for (float p : probs) {
                max = Math.max(max, p);
            }
            if (temperature <= 0 || temperature == 1) {
                System.arraycopy(probs, 0, target, 0, probs.length);
            } else {
                double maxLog = Math.log(Math.max(max, 1e-30));
                double sum = 0;
                double[] e = new double[probs.length];
                for (int k = 0; k < probs.length; k++) {
                    e[k] = Math.exp((Math.log(Math.max(probs[k], 1e-30)) - maxLog) / temperature);
                    sum += e[k];
                }
                for (int k = 0; k < probs.length; k++) {
                    target[k] = (float) (e[k] / sum);
                }
            }
            return max > (float) confidence ? 1f : 0f;
        };
    }

    /** FixMatch: the one-hot arg-max (hard pseudo-label), kept where the top probability is at least {@code threshold}. */
    static ConsistencyTargets fixMatch(double threshold) {
        return (probs, target) -> {
            int best = 0;
            for (int k = 1; k < probs.length; k++) {
                if (probs[k] > probs[best]) {
                    best = k;
                }
            }
            java.util.Arrays.fill(target, 0f);
            target[best] = 1f;
            return probs[best] >= (float) threshold ? 1f : 0f;
        };
    }
}
