package org.selfsup4j.core.spi;

/** Builds an {@link SslLoss}; {@code --loss NAME} picks it. */
public interface LossFactory extends ComponentFactory<SslLoss> {
}
