package org.selfsup4j.losses;

import java.util.List;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * NT-Xent, SimCLR's normalised temperature-scaled cross-entropy (Chen et al. 2020), as a DL4J loss function. Each row
 * of the batch is one view; its label (column 0) names the image it was made from, so rows with equal labels are
 * positives of each other (SimCLR: the two views of an image) and every other row is a negative. With z the
 * L2-normalised outputs and s_ij = z_i·z_j / τ, the loss of row i is
 * <pre>  ℓ_i = −(1/|P(i)|) Σ_{p ∈ P(i)} log( exp(s_ip) / Σ_{k ≠ i} exp(s_ik) )</pre>
 * — both directions of every pair, 2N terms for N images; the layer divides the sum by the rows. A label mask
 * weighs rows. The gradient is analytic: ∂ℓ/∂s_ij = w_i (softmax_i(j) − [j ∈ P(i)]/|P(i)|), taken through s = z zᵀ/τ
 * and the normalisation.
 */
public final class NtXentLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private final double temperature;

    public NtXentLoss(@JsonProperty("temperature") double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be positive, got " + temperature);
        }
        this.temperature = temperature;
    }

    public double getTemperature() {
        return temperature;
    }

    /** Per-row losses and gradients with respect to the (activated) outputs. */
    private record Parts(INDArray scores, INDArray gradient) {
    }

    private Parts compute(INDArray labels, INDArray output, INDArray mask, boolean withGradient) {
        int n = (int) output.size(0);
        double[] ids = labels.getColumn(0).toDoubleVector();
        double[][] positives = new double[n][n];
        double[] counts = new double[n];
        boolean anyNegative = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j && ids[i] == ids[j]) {
                    positives[i][j] = 1;
                    counts[i]++;
                } else if (i != j) {
                    anyNegative = true;
                }
            }
            if (counts[i] == 0) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "NT-Xent: row " + i + " (image " + (long) ids[i]
                        + ") has no positive: every image needs at least two views in the batch", String.valueOf(ids[i]),
                        List.of(), null);
            }
        }
        if (!anyNegative) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "NT-Xent needs at least 2 images per batch (the other"
                    + " images are the negatives); this batch has views of one image only", "1", List.of("2 or more"), null);
        }
        INDArray norms = output.norm2(1).reshape(n, 1);
        INDArray safe = Transforms.max(norms, 1e-12, true);
        INDArray z = output.divColumnVector(safe);
        INDArray s = z.mmul(z.transpose()).divi(temperature);
        INDArray eye = Nd4j.eye(n).castTo(s.dataType());
        s.subi(eye.mul(1e9));   // exclude k = i from the softmax
        INDArray max = s.max(1).reshape(n, 1);
        INDArray shifted = s.subColumnVector(max);
        INDArray exp = Transforms.exp(shifted, true);
        INDArray sum = exp.sum(1).reshape(n, 1);
        INDArray logSoftmax = shifted.subColumnVector(Transforms.log(sum, true));
        INDArray pos = Nd4j.create(positives).castTo(s.dataType());
        INDArray share = pos.divColumnVector(Nd4j.create(counts).reshape(n, 1).castTo(s.dataType()));
        INDArray scores = logSoftmax.mul(share).sum(1).reshape(n, 1).negi();
        INDArray weights = mask == null ? null : mask.reshape(n, 1).castTo(s.dataType());
        if (weights != null) {
            scores.muli(weights);
        }
        if (!withGradient) {
            return new Parts(scores, null);
        }
        INDArray g = exp.divColumnVector(sum).subi(share);
        if (weights != null) {
            g.muliColumnVector(weights);
        }
        INDArray dz = g.add(g.transpose()).mmul(z).divi(temperature);
        INDArray radial = z.mul(dz).sum(1).reshape(n, 1);
        INDArray da = dz.sub(z.mulColumnVector(radial)).divColumnVector(safe);
        return new Parts(scores, da);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double sum = computeScoreArray(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / preOutput.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        return compute(labels, out, mask, false).scores();
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        INDArray da = compute(labels, out, mask, true).gradient();
        return activationFn.backprop(preOutput.dup(), da).getFirst();
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        INDArray out = activationFn.getActivation(preOutput.dup(), true);
        Parts parts = compute(labels, out, mask, true);
        double sum = parts.scores().sumNumber().doubleValue();
        return new Pair<>(average ? sum / preOutput.size(0) : sum,
                activationFn.backprop(preOutput.dup(), parts.gradient()).getFirst());
    }

    @Override
    public String name() {
        return "nt-xent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtXentLoss other && other.temperature == temperature;
    }

    @Override
    public int hashCode() {
        return Objects.hash(temperature);
    }

    @Override
    public String toString() {
        return "NtXentLoss(temperature=" + temperature + ")";
    }
}
