package org.selfsup4j.core.spi;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A training loss as DL4J uses it: the activation applied to the head's raw outputs and the loss function on the
 * result. The trainer places them in the loss layer a task's head ends with ({@code LossLayer}, or {@code CnnLossLayer}
 * for per-pixel targets), which weighs examples exactly under a label mask. Scores are means over the batch, so they
 * do not depend on the batch size.
 */
public interface SslLoss {
    IActivation outputActivation();

    ILossFunction lossFunction();

    /**
     * Whether one example's loss depends on the other examples of its batch (a contrastive loss such as NT-Xent, where
     * the other images are the negatives). Such a loss needs the whole batch in one step, in the order the task made
     * it, and its per-example scores do not add up independently. Default false.
     */
    default boolean couplesBatch() {
        return false;
    }
}
