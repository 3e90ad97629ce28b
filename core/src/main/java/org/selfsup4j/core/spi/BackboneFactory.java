package org.selfsup4j.core.spi;

import org.selfsup4j.core.config.ComponentConfig;

/** Builds a {@link Backbone}; {@code --backbone NAME} picks it. */
public interface BackboneFactory extends ComponentFactory<Backbone> {
    /**
     * Builds the component from its settings. Must call {@link ComponentConfig#requireAllKeysRead(String)} before
     * returning, so unknown settings are errors.
     */
    Backbone create(ComponentConfig config);
}
