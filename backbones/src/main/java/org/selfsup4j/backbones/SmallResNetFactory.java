package org.selfsup4j.backbones;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;

/**
 * {@code resnet-small}: a CIFAR-style ResNet for 28–96 px images (He et al., 2016, section 4.2). A 3×3 stem of
 * {@code width} channels, then three stages of {@code blocks} basic blocks with width, 2·width and 4·width channels,
 * the second and third starting with stride 2 (a 1×1 conv + BN shortcut where the shape changes), then global average
 * pooling. Defaults width=16, blocks=3 give ResNet-20 (about 0.27M parameters). The last block's ReLU is the
 * {@code feature_map} (4·width channels at a quarter of the input's height and width).
 */
public final class SmallResNetFactory implements BackboneFactory {
    public static final String NAME = "resnet-small";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "CIFAR-style ResNet (3 stages of basic blocks; default ResNet-20) for 28-96 px images";
    }

    @Override
    public Backbone create(ComponentConfig config) {
        int width = config.getInt("width", 16);
        int blocks = config.getInt("blocks", 3);
        if (width <= 0) {
            throw config.badValue("width", String.valueOf(width), "a positive number of channels");
        }
        if (blocks <= 0) {
            throw config.badValue("blocks", String.valueOf(blocks), "a positive number of blocks per stage");
        }
        config.requireAllKeysRead(NAME);
        return new SmallResNet(width, blocks);
    }

    private record SmallResNet(int width, int blocks) implements Backbone {
        @Override
        public void addTo(ComputationGraphConfiguration.GraphBuilder g, String input, InputShape shape) {
            String x = ConvBlocks.convBn(g, "backbone_stem", input, 3, 1, width, ConvBlocks.RELU);
            int channels = width;
            for (int stage = 0; stage < 3; stage++) {
                int out = width << stage;
                for (int b = 0; b < blocks; b++) {
                    int stride = (stage > 0 && b == 0) ? 2 : 1;
                    boolean last = stage == 2 && b == blocks - 1;
                    x = basicBlock(g, "backbone_s" + (stage + 1) + "b" + (b + 1), x, channels, out, stride, last);
                    channels = out;
                }
            }
            g.addLayer(FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        }

        private static String basicBlock(ComputationGraphConfiguration.GraphBuilder g, String name, String input,
                                         int in, int out, int stride, boolean last) {
            String y = ConvBlocks.convBn(g, name + "_a", input, 3, stride, out, ConvBlocks.RELU);
            y = ConvBlocks.convBn(g, name + "_b", y, 3, 1, out, ConvBlocks.NO_RELU);
            String shortcut = input;
            if (stride != 1 || in != out) {
                shortcut = ConvBlocks.convBn(g, name + "_proj", input, 1, stride, out, ConvBlocks.NO_RELU);
            }
            g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), y, shortcut);
            String relu = last ? FEATURE_MAP : name + "_relu";
            g.addLayer(relu, new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
            return relu;
        }

        @Override
        public int featureSize() {
            return 4 * width;
        }
    }
}
