package org.selfsup4j.core.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;

/** The decoder gives back exactly the input's size behind a backbone that downsamples 4× (as pooled-cnn does). */
class PixelDecoderTest {
    static final SslLoss MSE = new SslLoss() {
        @Override
        public IActivation outputActivation() {
            return new ActivationIdentity();
        }

        @Override
        public ILossFunction lossFunction() {
            return new LossMSE();
        }
    };

    /** conv → 2×2 max-pool → conv → 2×2 max-pool → conv (feature_map) → global average (features); then the decoder. */
    static ComputationGraph decoderNet(InputShape shape, int outH, int outW) {
        ComputationGraphConfiguration.GraphBuilder g = backbone(shape);
        HeadBuilder head = new HeadBuilder(g, shape, 1, 16, mapShape(g), MSE, other -> mapShape(backbone(other)));
        head.pixelOutput(PixelDecoder.add(head, "test", shape.channels(), outH, outW));
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    static InputShape mapShape(ComputationGraphConfiguration.GraphBuilder g) {
        InputType.InputTypeConvolutional map = (InputType.InputTypeConvolutional) g.getLayerActivationTypes()
                .get(Backbone.FEATURE_MAP);
        return new InputShape((int) map.getChannels(), (int) map.getHeight(), (int) map.getWidth());
    }

    static ComputationGraphConfiguration.GraphBuilder backbone(InputShape shape) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).graphBuilder().addInputs("input")
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
        g.addLayer("c1", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4).build(), "input");
        g.addLayer("p1", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "c1");
        g.addLayer("c2", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(8).build(), "p1");
        g.addLayer("p2", new SubsamplingLayer.Builder(2, 2).stride(2, 2).build(), "c2");
        g.addLayer(Backbone.FEATURE_MAP, new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(16).build(), "p2");
        g.addLayer(Backbone.FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), Backbone.FEATURE_MAP);
        return g;
    }

    @Test
    void outputHasTheImageShapeFor28And32AndOddAndNonSquareSizes() {
        for (InputShape shape : new InputShape[] {new InputShape(1, 28, 28), new InputShape(3, 32, 32),
            new InputShape(1, 29, 29), new InputShape(1, 27, 40), new InputShape(2, 55, 55)}) {
            ComputationGraph net = decoderNet(shape, shape.height(), shape.width());
            INDArray out = net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, shape.channels(), shape.height(), shape.width()));
            assertArrayEquals(new long[] {2, shape.channels(), shape.height(), shape.width()}, out.shape(), shape.toString());
        }
    }

    @Test
    void aLowerOutputResolutionIsReachedExactly() {
        ComputationGraph net = decoderNet(new InputShape(1, 32, 32), 8, 8);
        assertArrayEquals(new long[] {1, 1, 8, 8}, net.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 1, 32, 32)).shape());
    }

    @Test
    void anImageTooSmallForTheStridesNamesItsSizeAndTheMinimum() {
        SelfSupException e = assertThrows(SelfSupException.class, () -> decoderNet(new InputShape(1, 6, 6), 6, 6));
        assertEquals(ErrorCode.IMAGE_TOO_SMALL, e.code());
        assertTrue(e.getMessage().contains("6x6") && e.getMessage().contains("at least 8x8"), e.getMessage());
    }

    @Test
    void doublingsRoundTheLogOfTheRatio() {
        assertEquals(2, PixelDecoder.doublings(28, 7));
        assertEquals(2, PixelDecoder.doublings(29, 7));
        assertEquals(3, PixelDecoder.doublings(55, 7));
        assertEquals(0, PixelDecoder.doublings(8, 8));
    }
}
