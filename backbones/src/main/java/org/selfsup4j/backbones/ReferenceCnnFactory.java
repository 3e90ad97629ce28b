package org.selfsup4j.backbones;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;

/**
 * {@code reference-cnn}: conv 3×3·w → BN → ReLU → conv 3×3·2w stride 2 → BN → ReLU → conv 3×3·4w stride 2 → BN →
 * ReLU → global average pooling (padding 1, no conv bias). With the default {@code width=32} it is the network of
 * the peer benchmark (about 93k parameters), so its speed compares directly with PyTorch's. Any channel count and size.
 */
public final class ReferenceCnnFactory implements BackboneFactory {
    public static final String NAME = "reference-cnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "3 conv-BN-ReLU layers (32, 64/2, 128/2) + global average pooling; the peer benchmark's network";
    }

    @Override
    public Backbone create(ComponentConfig config) {
        int width = config.getInt("width", 32);
        if (width <= 0) {
            throw config.badValue("width", String.valueOf(width), "a positive number of channels");
        }
        config.requireAllKeysRead(NAME);
        return new ThreeBlockCnn(width, false);
    }
}
