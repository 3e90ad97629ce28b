package org.selfsup4j.core.spi;

/**
 * A named maker of one kind of component. The factory is what plugin discovery finds and what the CLI, the config
 * and the docs refer to by {@link #name()}; the component it builds does the work. Each kind's factory interface
 * declares how it creates its component.
 *
 * @param <T> the component type
 */
public interface ComponentFactory<T> {
    /** Unique kebab-case name within its kind, for example {@code rotation}. */
    String name();

    /** One line for {@code selfsup plugins}. */
    String description();
}
