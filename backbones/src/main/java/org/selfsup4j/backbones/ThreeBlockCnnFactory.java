package org.selfsup4j.backbones;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;

/**
 * The factory behind {@code reference-cnn} and {@code pooled-cnn}: settings {@code width} (channels of the first
 * block, default 32) and {@code depth} (3×3 convolutions per block; the default is the network's own: 1 for
 * {@code reference-cnn}, 2 for {@code pooled-cnn}), and a {@link ThreeBlockCnn} that halves the resolution by strided
 * convolution or max pooling.
 */
abstract class ThreeBlockCnnFactory implements BackboneFactory {
    private final String name;
    private final String description;
    private final boolean maxPool;
    private final int defaultDepth;

    ThreeBlockCnnFactory(String name, String description, boolean maxPool, int defaultDepth) {
        this.name = name;
        this.description = description;
        this.maxPool = maxPool;
        this.defaultDepth = defaultDepth;
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
        int depth = config.getInt("depth", defaultDepth);
        if (depth <= 0 || depth > 8) {
            throw config.badValue("depth", String.valueOf(depth), "1 to 8 convolutions per block");
        }
        config.requireAllKeysRead(name);
        return new ThreeBlockCnn(width, depth, maxPool);
    }
}
