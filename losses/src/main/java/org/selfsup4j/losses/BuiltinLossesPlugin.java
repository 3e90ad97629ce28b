package org.selfsup4j.losses;

import java.util.List;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.SslPlugin;

/** Registers the built-in losses, through the same {@code META-INF/services} door as any plugin. */
public final class BuiltinLossesPlugin implements SslPlugin {
    @Override
    public List<LossFactory> lossFactories() {
        return List.of(new CrossEntropyLossFactory(), new MeanSquaredErrorLossFactory(), new NtXentLossFactory());
    }
}
