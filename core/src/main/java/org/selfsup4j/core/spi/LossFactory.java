package org.selfsup4j.core.spi;

import org.selfsup4j.core.config.ComponentConfig;

/** Builds an {@link SslLoss}; {@code --loss NAME} picks it. */
public interface LossFactory extends ComponentFactory<SslLoss> {
    /**
     * Builds the component from its settings. Must call {@link ComponentConfig#requireAllKeysRead(String)} before
     * returning, so unknown settings are errors.
     */
    SslLoss create(ComponentConfig config);
}
