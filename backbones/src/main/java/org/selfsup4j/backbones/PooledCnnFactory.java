package org.selfsup4j.backbones;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;

/**
 * {@code pooled-cnn}: {@code reference-cnn} with each stride-2 convolution replaced by 2×2 max pooling followed by a
 * stride-1 convolution: conv 3×3·w → BN → ReLU → max-pool → conv 3×3·2w → BN → ReLU → max-pool → conv 3×3·4w → BN →
 * ReLU → global average pooling. Same parameters (about 93k at {@code width=32}) and the same multiply-adds, but each
 * feature sees 18×18 pixels instead of 9×9, which matters when classes differ in overall shape.
 */
public final class PooledCnnFactory implements BackboneFactory {
    public static final String NAME = "pooled-cnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "reference-cnn with 2x2 max pooling instead of strided convolutions: same cost, 18x18 receptive field";
    }

    @Override
    public Backbone create(ComponentConfig config) {
        int width = config.getInt("width", 32);
        if (width <= 0) {
            throw config.badValue("width", String.valueOf(width), "a positive number of channels");
        }
        config.requireAllKeysRead(NAME);
        return new ThreeBlockCnn(width, true);
    }
}
