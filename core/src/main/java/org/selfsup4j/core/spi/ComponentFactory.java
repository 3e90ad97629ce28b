package org.selfsup4j.core.spi;

import org.selfsup4j.core.config.ComponentConfig;

/**
 * A named maker of one kind of component. The factory is what plugin discovery finds and what the CLI, the config
 * and the docs refer to by {@link #name()}; the component it builds does the work.
 *
 * @param <T> the component type
 */
public interface ComponentFactory<T> {
    /** Unique kebab-case name within its kind, for example {@code rotation}. */
    String name();

    /** One line for {@code selfsup plugins}. */
    String description();

    /**
     * Builds a component. Implementations read their settings from {@code config} and must call
     * {@link ComponentConfig#requireAllKeysRead(String)} before returning, so unknown settings are errors.
     */
    T create(ComponentConfig config);
}
