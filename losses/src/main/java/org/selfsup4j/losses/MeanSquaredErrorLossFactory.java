package org.selfsup4j.losses;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.SslLoss;

/**
 * {@code mse}: mean squared error (1/n Σ (y − t)², mean over the n outputs, then over the batch), for regression
 * heads such as pixels. {@code output=identity} (default) or {@code output=sigmoid} for targets in [0, 1].
 */
public final class MeanSquaredErrorLossFactory implements LossFactory {
    public static final String NAME = "mse";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mean squared error for regression heads (pixels); output=identity|sigmoid";
    }

    @Override
    public SslLoss create(ComponentConfig config) {
        String output = config.getString("output", "identity");
        if (!output.equals("identity") && !output.equals("sigmoid")) {
            throw config.badValue("output", output, "one of [identity, sigmoid]");
        }
        config.requireAllKeysRead(NAME);
        boolean sigmoid = output.equals("sigmoid");
        return new SslLoss() {
            @Override
            public IActivation outputActivation() {
                return sigmoid ? new ActivationSigmoid() : new ActivationIdentity();
            }

            @Override
            public ILossFunction lossFunction() {
                return new LossMSE();
            }
        };
    }
}
