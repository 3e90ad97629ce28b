package org.selfsup4j.core.spi;

/** Builds an {@link Augmenter}; its name is what pipelines and pretext tasks ask for. */
public interface AugmenterFactory extends ComponentFactory<Augmenter> {
}
