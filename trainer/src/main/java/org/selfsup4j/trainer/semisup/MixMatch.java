package org.selfsup4j.trainer.semisup;

import java.util.Random;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.selfsup4j.core.spi.HeadBuilder;

/**
 * MixMatch's parts (Berthelot et al., 2019). The guessed label of an unlabeled image is the mean of the model's
 * predictions on its K = 2 weak views, sharpened ({@link #guess}). All B labeled rows (one-hot) and 2U unlabeled rows
 * (their guessed label) are mixed with a shuffled copy of themselves, row i with row π(i) at
 * λ'_i = max(λ_i, 1 − λ_i), λ_i ~ Beta(α, α) ({@link #mix}); the max keeps every mixed row closer to its own image, so
 * the first B rows stay "labeled" and the rest "unlabeled". The objective is
 * <pre>
 *   L = (1/B) Σ_{i&lt;B} CE(y'_i, p_i)  +  λ_u · (1/2U) Σ_{j≥B} (1/L) ‖q'_j − p_j‖²
 * </pre>
 * over L classes. During training the classifier gets a second output, {@value #OUTPUT}: a {@code LossLayer} with
 * softmax and DL4J's {@code LossMSE} (the mean over classes of the squared error) on the same logits as the
 * cross-entropy output {@value HeadBuilder#OUTPUT}, through {@value #LOGITS}, a {@code ScaleVertex} of 1 that gives
 * it its own copy: DL4J's softmax backpropagates in place into its input, which would otherwise corrupt the logits the
 * cross-entropy output reads (the gradient test caught it). The two outputs' label masks ({@link #weights}) pick each row's
 * term; the extra output has no parameters and is removed before the model is returned, so saved classifiers are the
 * same plain networks as for the other methods.
 */
public final class MixMatch {
    public static final String OUTPUT = "mixmatch_l2";
    public static final String LOGITS = "mixmatch_logits";

    private MixMatch() {
    }

    /** The mixed batch: inputs and soft targets, row i = λ'_i · row i + (1 − λ'_i) · row π(i). */
    public record Mixed(INDArray inputs, INDArray targets) {
    }

    /** A copy of the classifier {@code graph} with the {@value #OUTPUT} output on its head's logits. */
    public static ComputationGraph withOutput(ComputationGraph graph) {
        int classes = (int) graph.getLayer(HeadBuilder.HEAD).getParam("W").size(1);
        LossLayer loss = new LossLayer.Builder(new LossMSE()).activation(Activation.SOFTMAX).updater(new NoOp()).build();
        loss.setNIn(classes);
        loss.setNOut(classes);
        return FeatureConsistency.sameType(graph, new TransferLearning.GraphBuilder(graph)
                .addVertex(LOGITS, new ScaleVertex(1.0), HeadBuilder.HEAD)
                .addLayer(OUTPUT, loss, LOGITS)
                .setOutputs(HeadBuilder.OUTPUT, OUTPUT)
                .build());
    }

    /** A copy of {@code graph} without the {@value #OUTPUT} output (the plain classifier), or {@code graph} itself. */
    public static ComputationGraph withoutOutput(ComputationGraph graph) {
        if (graph.getVertex(OUTPUT) == null) {
            return graph;
        }
        return FeatureConsistency.sameType(graph, new TransferLearning.GraphBuilder(graph)
                .removeVertexAndConnections(OUTPUT).removeVertexAndConnections(LOGITS).setOutputs(HeadBuilder.OUTPUT).build());
    }

    /**
     * The guessed label: q = sharpen((p1 + p2) / 2, T), sharpen(p, T)_k = p_k^(1/T) / Σ_c p_c^(1/T), written into
     * {@code out}.
     */
    public static void guess(float[] p1, float[] p2, double temperature, float[] out) {
        float[] mean = new float[p1.length];
        average(p1, p2, mean);
        sharpen(mean, temperature, out);
    }

    /** The mean prediction of the two views, (p1 + p2) / 2, written into {@code out}. */
    public static void average(float[] p1, float[] p2, float[] out) {
        for (int k = 0; k < p1.length; k++) {
            out[k] = (p1[k] + p2[k]) / 2;
        }
    }

    /** sharpen(p, T)_k = p_k^(1/T) / Σ_c p_c^(1/T), written into {@code out}. */
    public static void sharpen(float[] p, double temperature, float[] out) {
        ConsistencyTargets.uda(temperature, 0).target(p, out);   // UDA's sharpening; its mask is unused
    }

    /** λ' = max(λ, 1 − λ) with λ ~ Beta(α, α). */
    public static double mixCoefficient(Random random, double alpha) {
        double lambda = beta(random, alpha);
        return Math.max(lambda, 1 - lambda);
    }

    /** A draw from Beta(α, α) as X / (X + Y), X and Y independent Gamma(α, 1). */
    static double beta(Random random, double alpha) {
        double x = gamma(random, alpha);
        double y = gamma(random, alpha);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /**
     * A draw from Gamma(shape, 1): Marsaglia and Tsang's method (2000) for shape ≥ 1; for shape &lt; 1, a draw for
     * shape + 1 times U^(1/shape).
     */
    static double gamma(Random random, double shape) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(random, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /**
     * MixUp of every row with row {@code partner[i]}: inputs (N × …) and targets (N × L) become
     * λ'_i · row i + (1 − λ'_i) · row partner[i].
     */
    public static Mixed mix(INDArray inputs, INDArray targets, int[] partner, double[] lambda) {
        int n = (int) inputs.size(0);
        if (partner.length != n || lambda.length != n || targets.size(0) != n) {
            throw new IllegalArgumentException("mix: " + n + " inputs, " + targets.size(0) + " targets, "
                    + partner.length + " partners, " + lambda.length + " coefficients");
        }
        long[] shape = inputs.shape();
        INDArray flat = inputs.reshape('c', n, inputs.length() / n);
        INDArray coefficient = Nd4j.create(toFloats(lambda), new long[] {n, 1}, 'c').castTo(inputs.dataType());
        INDArray rest = coefficient.rsub(1.0);
        INDArray mixedInputs = flat.mulColumnVector(coefficient)
                .addi(Nd4j.pullRows(flat, 1, partner).muliColumnVector(rest));
        INDArray mixedTargets = targets.mulColumnVector(coefficient.castTo(targets.dataType()))
                .addi(Nd4j.pullRows(targets, 1, partner).muliColumnVector(rest.castTo(targets.dataType())));
        return new Mixed(mixedInputs.reshape('c', shape), mixedTargets);
    }

    /**
     * The label masks of the two outputs for {@code labeled} + {@code unlabeled} rows, as per-example weights of DL4J's
     * batch mean over N rows: the cross-entropy output weighs labeled rows N / B (unlabeled 0), {@value #OUTPUT} weighs
     * unlabeled rows N · λ_u / U (labeled 0).
     */
    public static INDArray[] weights(int labeled, int unlabeled, double lambdaU) {
        int n = labeled + unlabeled;
        float[] ce = new float[n];
        float[] l2 = new float[n];
        for (int i = 0; i < labeled; i++) {
            ce[i] = (float) ((double) n / labeled);
        }
        for (int j = 0; j < unlabeled; j++) {
            l2[labeled + j] = (float) (n * lambdaU / unlabeled);
        }
        return new INDArray[] {Nd4j.create(ce, new long[] {n, 1}, 'c'), Nd4j.create(l2, new long[] {n, 1}, 'c')};
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
