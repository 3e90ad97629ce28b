package org.selfsup4j.core.spi;

import org.selfsup4j.core.config.ComponentConfig;

/** Builds an {@link Augmenter}; its name is what pipelines and pretext tasks ask for. */
public interface AugmenterFactory extends ComponentFactory<Augmenter> {
    /**
     * Builds the component from its settings. Must call {@link ComponentConfig#requireAllKeysRead(String)} before
     * returning, so unknown settings are errors.
     */
    Augmenter create(ComponentConfig config);
}
