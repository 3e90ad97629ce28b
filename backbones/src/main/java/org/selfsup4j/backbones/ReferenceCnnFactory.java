package org.selfsup4j.backbones;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.InputShape;
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
        return new ReferenceCnn(width);
    }

    private record ReferenceCnn(int width) implements Backbone {
        @Override
        public String addTo(ComputationGraphConfiguration.GraphBuilder g, String input, InputShape shape) {
            String x = ConvBlocks.convBn(g, "backbone_1", input, 3, 1, width, true);
            x = ConvBlocks.convBn(g, "backbone_2", x, 3, 2, 2 * width, true);
            x = ConvBlocks.convBn(g, "backbone_3", x, 3, 2, 4 * width, true);
            g.addLayer("features", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
            return "features";
        }

        @Override
        public int featureSize() {
            return 4 * width;
        }
    }
}
