package org.selfsup4j.core.spi;

import java.util.List;

/**
 * The one entry point of a plugin jar, listed in {@code META-INF/services/org.selfsup4j.core.spi.SslPlugin}.
 * Every method defaults to an empty list: a plugin overrides only what it contributes. The built-in components are
 * registered exactly this way. Implementations need a public no-argument constructor.
 */
public interface SslPlugin {
    default List<AugmenterFactory> augmenterFactories() {
        return List.of();
    }

    default List<PretextTaskFactory> pretextTaskFactories() {
        return List.of();
    }

    default List<LossFactory> lossFactories() {
        return List.of();
    }

    default List<BackboneFactory> backboneFactories() {
        return List.of();
    }
}
