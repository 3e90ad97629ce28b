package org.selfsup4j.backbones;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;

/**
 * Three blocks of {@code depth} 3×3 conv → BN → ReLU layers with {@code width}, 2·width and 4·width channels, the
 * second and third block at half the previous resolution, then global average pooling. The halving is either a stride-2 convolution
 * ({@code reference-cnn}) or a 2×2 max pooling before a stride-1 convolution ({@code pooled-cnn}). Both do the same
 * multiply-adds per image, but the receptive field of a feature is 9×9 pixels with strided convolutions and 18×18
 * with pooling (at {@code depth} 1; each further layer of a block widens it by 2, 4 and 8 pixels). The last ReLU is
 * the {@value #FEATURE_MAP} (4·width channels at a quarter of the input's height and width, rounded as the strides
 * round). At depth 1 the layers are {@code backbone_1}, {@code backbone_2}, {@code backbone_3}; a block's further
 * layers append {@code b}, {@code c}, … ({@code backbone_2b}).
 */
record ThreeBlockCnn(int width, int depth, boolean maxPool) implements Backbone {
    @Override
    public void addTo(ComputationGraphConfiguration.GraphBuilder g, String input, InputShape shape) {
        if (maxPool && (shape.height() < 4 || shape.width() < 4)) {
            throw new SelfSupException(ErrorCode.IMAGE_TOO_SMALL, "pooled-cnn halves the image twice with 2x2 max pooling "
                    + "and needs images of at least 4x4 pixels, got " + shape.height() + "x" + shape.width()
                    + ": enlarge them (--resize HxW) or use --backbone reference-cnn", shape.toString(), List.of(), null);
        }
        String x = ConvBlocks.convBn(g, "backbone_1", input, 3, 1, width, ConvBlocks.RELU);
        x = furtherLayers(g, "backbone_1", x, width, ConvBlocks.RELU);
        x = halvingLayer(g, "backbone_2", x, 2 * width, ConvBlocks.RELU);
        x = furtherLayers(g, "backbone_2", x, 2 * width, ConvBlocks.RELU);
        boolean lastIsHalving = depth == 1;
        x = halvingLayer(g, "backbone_3", x, 4 * width, lastIsHalving ? FEATURE_MAP : ConvBlocks.RELU);
        if (!lastIsHalving) {
            x = furtherLayers(g, "backbone_3", x, 4 * width, FEATURE_MAP);
        }
        g.addLayer(FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
    }

    private String halvingLayer(ComputationGraphConfiguration.GraphBuilder g, String name, String input, int channels,
                                String reluName) {
        if (!maxPool) {
            return ConvBlocks.convBn(g, name, input, 3, 2, channels, reluName);
        }
        g.addLayer(name + "_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), input);
        return ConvBlocks.convBn(g, name, name + "_pool", 3, 1, channels, reluName);
    }

    /** The block's layers after its first ({@code depth} − 1 stride-1 convolutions); the last one's ReLU is {@code lastRelu}. */
    private String furtherLayers(ComputationGraphConfiguration.GraphBuilder g, String block, String input, int channels,
                                 String lastRelu) {
        String x = input;
        for (int i = 1; i < depth; i++) {
            x = ConvBlocks.convBn(g, block + (char) ('a' + i), x, 3, 1, channels, i == depth - 1 ? lastRelu : ConvBlocks.RELU);
        }
        return x;
    }

    @Override
    public int featureSize() {
        return 4 * width;
    }
}
