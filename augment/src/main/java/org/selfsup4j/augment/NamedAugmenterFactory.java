package org.selfsup4j.augment;

import java.util.Objects;
import java.util.function.Function;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * An augmenter factory from a name, a description and a function that reads the settings and builds the augmenter.
 * After the function has read what it knows, any other setting is an error listing the known ones.
 */
final class NamedAugmenterFactory implements AugmenterFactory {
    private final String name;
    private final String description;
    private final Function<ComponentConfig, Augmenter> build;

    NamedAugmenterFactory(String name, String description, Function<ComponentConfig, Augmenter> build) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.description = Objects.requireNonNull(description, "description is null");
        this.build = Objects.requireNonNull(build, "build is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Augmenter create(ComponentConfig config) {
        Augmenter augmenter = build.apply(config);
        config.requireAllKeysRead(name);
        return augmenter;
    }
}
