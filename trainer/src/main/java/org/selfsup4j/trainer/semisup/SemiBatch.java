package org.selfsup4j.trainer.semisup;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One semi-supervised step's data, NCHW: B labeled images (weakly augmented) with one-hot labels, and U = μ·B
 * unlabeled images twice — the view the targets are computed from ({@code unlabeledSource}: the clean image for UDA,
 * the weak view for FixMatch) and the strongly augmented view the model is trained on. Both unlabeled arrays are
 * null in a labels-only batch.
 */
public record SemiBatch(INDArray labeled, INDArray labels, int[] labelIndices, INDArray unlabeledSource,
                        INDArray unlabeledStrong) {
}
