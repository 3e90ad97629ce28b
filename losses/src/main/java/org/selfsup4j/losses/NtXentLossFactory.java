package org.selfsup4j.losses;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.SslLoss;

/**
 * {@code nt-xent}: SimCLR's contrastive loss ({@link NtXentLoss}) on a projection head's outputs. Setting
 * {@code temperature} (default 0.5, SimCLR's choice for small images such as CIFAR-10; in (0, 10]). It couples the
 * batch: the other images are each view's negatives.
 */
public final class NtXentLossFactory implements LossFactory {
    public static final String NAME = "nt-xent";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "SimCLR's normalised temperature-scaled cross-entropy over a batch of view pairs; temperature=0.5";
    }

    @Override
    public SslLoss create(ComponentConfig config) {
        double temperature = config.getDouble("temperature", 0.5);
        config.requireAllKeysRead(NAME);
        if (!(temperature > 0 && temperature <= 10)) {
            throw config.badValue("temperature", String.valueOf(temperature), "a temperature in (0, 10]");
        }
        return new SslLoss() {
            @Override
            public IActivation outputActivation() {
                return new ActivationIdentity();
            }

            @Override
            public ILossFunction lossFunction() {
                return new NtXentLoss(temperature);
            }

            @Override
            public boolean couplesBatch() {
                return true;
            }
        };
    }
}
