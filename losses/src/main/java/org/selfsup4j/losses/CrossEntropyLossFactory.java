package org.selfsup4j.losses;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.SslLoss;

/**
 * {@code cross-entropy}: softmax over the head's outputs, then −Σ_k t_k log p_k per example, averaged over the batch.
 * Targets may be one-hot or any distribution (soft targets), which is what consistency training needs.
 */
public final class CrossEntropyLossFactory implements LossFactory {
    public static final String NAME = "cross-entropy";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "softmax cross-entropy against one-hot or soft targets, mean over the batch";
    }

    @Override
    public SslLoss create(ComponentConfig config) {
        config.requireAllKeysRead(NAME);
        return new SslLoss() {
            @Override
            public IActivation outputActivation() {
                return new ActivationSoftmax();
            }

            @Override
            public ILossFunction lossFunction() {
                return new LossMCXENT();
            }
        };
    }
}
