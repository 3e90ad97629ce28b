package org.selfsup4j.backbones;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;

/**
 * The factory behind {@code reference-cnn} and {@code pooled-cnn}: one setting, {@code width} (channels of the first
 * block, default 32), and a {@link ThreeBlockCnn} that halves the resolution by strided convolution or max pooling.
 */
abstract class ThreeBlockCnnFactory implements BackboneFactory {
    private final String name;
    private final String description;
    private final boolean maxPool;

    ThreeBlockCnnFactory(String name, String description, boolean maxPool) {
        this.name = name;
        this.description = description;
        this.maxPool = maxPool;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final Backbone create(ComponentConfig config) {
        int width = config.getInt("width", 32);
        if (width <= 0) {
            throw config.badValue("width", String.valueOf(width), "a positive number of channels");
        }
        config.requireAllKeysRead(name);
        return new ThreeBlockCnn(width, maxPool);
    }
}
