package org.selfsup4j.core.spi;

/** Builds a {@link Backbone}; {@code --backbone NAME} picks it. */
public interface BackboneFactory extends ComponentFactory<Backbone> {
}
