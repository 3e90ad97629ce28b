package org.selfsup4j.backbones;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;

class BackbonesTest {
    static ComputationGraph build(Backbone b, InputShape s) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Truncate).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(s.height(), s.width(), s.channels()));
        b.addTo(g, "input", s);
        g.setOutputs(Backbone.FEATURES);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    @Test
    void referenceCnnHasThePeerBenchmarksParameterCountAndFeatureWidth() {
        Backbone b = new ReferenceCnnFactory().create(ComponentConfig.empty());
        ComputationGraph g = build(b, new InputShape(1, 28, 28));
        // convs 1·32·9 + 32·64·9 + 64·128·9 = 92,448; batch norms 4 params per channel (224 channels) = 896
        assertEquals(92_448 + 896, g.numParams());
        INDArray out = g.outputSingle(Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28));
        assertArrayEquals(new long[] {3, 128}, out.shape());
        assertEquals(128, b.featureSize());
    }

    @Test
    void pooledCnnAtDepthOneHasTheReferenceCnnsParametersAndMaxPoolsBeforeItsLaterConvolutions() {
        ComputationGraph pooled = build(new PooledCnnFactory().create(ComponentConfig.parse("depth=1")), new InputShape(1, 28, 28));
        ComputationGraph strided = build(new ReferenceCnnFactory().create(ComponentConfig.empty()), new InputShape(1, 28, 28));
        assertEquals(strided.numParams(), pooled.numParams());
        // 28 -> pool 14 -> pool 7: the last convolution works on 7x7 maps, as the strided network's does
        INDArray maps = pooled.feedForward(Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28), false).get(Backbone.FEATURE_MAP);
        assertArrayEquals(new long[] {1, 128, 7, 7}, maps.shape());
        // a max pool passes the largest value of each 2x2 window of the first block's output
        var acts = pooled.feedForward(Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28), false);
        INDArray before = acts.get("backbone_1_relu");
        INDArray after = acts.get("backbone_2_pool");
        assertArrayEquals(new long[] {1, 32, 14, 14}, after.shape());
        for (int c : new int[] {0, 17, 31}) {
            double max = Math.max(Math.max(before.getDouble(0, c, 6, 10), before.getDouble(0, c, 6, 11)),
                    Math.max(before.getDouble(0, c, 7, 10), before.getDouble(0, c, 7, 11)));
            assertEquals(max, after.getDouble(0, c, 3, 5), 1e-6, "channel " + c);
        }
    }

    @Test
    void depthAddsStrideOneConvolutionsToEveryBlockAndKeepsTheFeatureMap() {
        // depth 2 is pooled-cnn's default (the measured default network); the reference CNN stays at depth 1
        ComputationGraph deep = build(new PooledCnnFactory().create(ComponentConfig.empty()), new InputShape(1, 28, 28));
        // convs 1·32·9 + 32·32·9 | 32·64·9 + 64·64·9 | 64·128·9 + 128·128·9 = 285,984; 448 BN channels × 4 = 1,792
        assertEquals(285_984 + 1_792, deep.numParams());
        var acts = deep.feedForward(Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28), false);
        assertArrayEquals(new long[] {1, 32, 28, 28}, acts.get("backbone_1b_relu").shape());
        assertArrayEquals(new long[] {1, 64, 14, 14}, acts.get("backbone_2b_relu").shape());
        assertArrayEquals(new long[] {1, 128, 7, 7}, acts.get(Backbone.FEATURE_MAP).shape());
        assertEquals(true, acts.containsKey("backbone_3b_conv") && !acts.containsKey("backbone_3c_conv"));
        // depth 1 keeps the layer names saved models have
        ComputationGraph shallow = build(new PooledCnnFactory().create(ComponentConfig.parse("depth=1")), new InputShape(1, 28, 28));
        assertEquals(false, shallow.getConfiguration().getVertices().keySet().stream().anyMatch(n -> n.matches("backbone_\\db_.*")));
        assertEquals(6, deep.getConfiguration().getVertices().keySet().stream().filter(n -> n.endsWith("_conv")).count());
    }

    @Test
    void everyBuiltInBackboneTakesAnyChannelCountAndSize() {
        for (BackboneFactory f : new BuiltinBackbonesPlugin().backboneFactories()) {
            Backbone b = f.create(ComponentConfig.empty());
            for (InputShape s : new InputShape[] {new InputShape(3, 32, 32), new InputShape(1, 17, 23), new InputShape(3, 96, 96)}) {
                INDArray out = build(b, s).outputSingle(Nd4j.rand(DataType.FLOAT, 2, s.channels(), s.height(), s.width()));
                assertArrayEquals(new long[] {2, b.featureSize()}, out.shape(), f.name() + " " + s);
            }
        }
    }

    @Test
    void everyBuiltInBackboneExposesItsFeatureMapAndPoolsItIntoTheFeatures() {
        for (BackboneFactory f : new BuiltinBackbonesPlugin().backboneFactories()) {
            Backbone b = f.create(ComponentConfig.parse("width=8"));
            var acts = build(b, new InputShape(1, 28, 28)).feedForward(Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), false);
            INDArray map = acts.get(Backbone.FEATURE_MAP);
            INDArray features = acts.get(Backbone.FEATURES);
            assertArrayEquals(new long[] {2, b.featureSize(), 7, 7}, map.shape(), f.name());
            assertArrayEquals(new long[] {2, b.featureSize()}, features.shape(), f.name());
            for (int c : new int[] {0, b.featureSize() - 1}) {
                double sum = 0;
                for (int y = 0; y < 7; y++) {
                    for (int x = 0; x < 7; x++) {
                        sum += map.getDouble(1, c, y, x);
                    }
                }
                assertEquals(sum / 49, features.getDouble(1, c), 1e-5, f.name() + " channel " + c);
            }
        }
    }

    @Test
    void resnetSmallDefaultsToResNet20() {
        ComputationGraph g = build(new SmallResNetFactory().create(ComponentConfig.empty()), new InputShape(3, 32, 32));
        // ResNet-20 without its classifier: about 0.27M parameters
        long n = g.numParams();
        assertEquals(true, n > 260_000 && n < 280_000, "params " + n);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(SelfSupException.class, () -> new ReferenceCnnFactory().create(ComponentConfig.parse("width=0")));
        assertThrows(SelfSupException.class, () -> new SmallResNetFactory().create(ComponentConfig.parse("depth=3")));
        assertThrows(SelfSupException.class, () -> new PooledCnnFactory().create(ComponentConfig.parse("depth=0")));
        SelfSupException tooSmall = assertThrows(SelfSupException.class,
                () -> build(new PooledCnnFactory().create(ComponentConfig.empty()), new InputShape(1, 3, 9)));
        assertEquals(ErrorCode.IMAGE_TOO_SMALL, tooSmall.code());
        assertEquals(true, tooSmall.getMessage().contains("at least 4x4 pixels, got 3x9"), tooSmall.getMessage());
        build(new PooledCnnFactory().create(ComponentConfig.empty()), new InputShape(1, 4, 4));   // the smallest it takes
        build(new ReferenceCnnFactory().create(ComponentConfig.empty()), new InputShape(1, 3, 3));   // strides take any size
    }
}
