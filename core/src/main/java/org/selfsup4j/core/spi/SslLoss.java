package org.selfsup4j.core.spi;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * A training loss as DL4J uses it: the activation applied to the head's raw outputs and the loss function on the
 * result. The trainer places them in a {@code LossLayer} after an identity dense layer, which weighs examples exactly
 * under a label mask. Scores are means over the batch, so they do not depend on the batch size.
 */
public interface SslLoss {
    IActivation outputActivation();

    ILossFunction lossFunction();
}
