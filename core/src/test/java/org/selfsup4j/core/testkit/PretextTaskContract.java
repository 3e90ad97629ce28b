package org.selfsup4j.core.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.spi.SslLoss;

/**
 * The contract every pretext task keeps, as tests a plugin author inherits (selfsup4j-core's test-jar): a kebab-case
 * name, unknown settings rejected, {@link PretextTask#inputsPerExample()} inputs of {@link PretextTask#inputShape}
 * per target, finite values, preparing on the same images twice gives the same task, the same seed gives the same batch, the input images are left untouched, and the head
 * builds on a backbone, takes the batch and trains one step to a finite loss with one output row per example.
 */
public abstract class PretextTaskContract {
    /** The factory under test. */
    protected abstract PretextTaskFactory factory();

    /** The augmenters the task may ask for by name; default none. */
    protected Augmenters augmenters() {
        return Augmenters.none();
    }

    /** Small test images; override for tasks with special needs. Default: eight 1×8×8 random images. */
    protected List<Image> images() {
        return randomImages(8, 1, 8, 8, 5);
    }

    /** The loss named by the task's {@link PretextTask#defaultLoss()}; knows cross-entropy and mse, override for others. */
    protected SslLoss loss(String name) {
        return switch (name) {
            case "cross-entropy" -> loss(new ActivationSoftmax(), new LossMCXENT());
            case "mse" -> loss(new ActivationIdentity(), new LossMSE());
            default -> throw new IllegalStateException("override loss(String) for the task's loss [" + name + "]");
        };
    }

    /** {@code n} images of uniform random values, seeded. */
    protected static List<Image> randomImages(int n, int channels, int height, int width, long seed) {
        Random r = new Random(seed);
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] px = new float[channels * height * width];
            for (int p = 0; p < px.length; p++) {
                px[p] = r.nextFloat();
            }
            out.add(new Image(channels, height, width, px));
        }
        return out;
    }

    /** The task with default settings, prepared on {@link #images()} as the trainer prepares it. */
    private PretextTask task() {
        return factory().create(ComponentConfig.empty(), augmenters()).prepare(images());
    }

    @Test
    void describesItselfAndPreparesTheSameWayTwice() {
        PretextTask raw = factory().create(ComponentConfig.empty(), augmenters());
        InputShape shape = images().get(0).shape();
        assertEquals(raw.prepare(images()).describe(shape), raw.prepare(images()).describe(shape));
        PretextBatch a = raw.prepare(images()).makeBatch(images(), new Random(4));
        PretextBatch b = raw.prepare(images()).makeBatch(images(), new Random(4));
        assertEquals(a.inputs(), b.inputs());
    }

    @Test
    void nameIsKebabCase() {
        assertTrue(factory().name().matches("[a-z0-9]+(-[a-z0-9]+)*"), factory().name());
    }

    @Test
    void unknownSettingIsRejected() {
        assertThrows(SelfSupException.class,
                () -> factory().create(new ComponentConfig(Map.of("no-such-key", "1")), augmenters()));
    }

    @Test
    void batchHoldsInputsPerExampleOfTheInputShapeAndFiniteValues() {
        PretextTask task = task();
        InputShape shape = task.inputShape(images().get(0).shape());
        PretextBatch b = task.makeBatch(images(), new Random(1));
        assertTrue(b.size() > 0);
        assertEquals(task.inputsPerExample(), b.inputsPerExample());
        assertEquals((long) b.size() * task.inputsPerExample(), b.inputs().size());
        for (Image input : b.inputs()) {
            assertEquals(shape, input.shape());
            for (float v : input.pixels()) {
                assertTrue(Float.isFinite(v));
            }
        }
        for (float[] row : b.targets().rows()) {
            for (float v : row) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void sameSeedGivesTheSameBatchAndInputsAreUntouched() {
        PretextTask task = task();
        List<Image> images = images();
        List<float[]> before = images.stream().map(im -> im.pixels().clone()).toList();
        PretextBatch a = task.makeBatch(images, new Random(9));
        PretextBatch b = task.makeBatch(images, new Random(9));
        assertEquals(a.inputs(), b.inputs());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.targets().rows()[i], b.targets().rows()[i]);
        }
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(before.get(i), images.get(i).pixels());
        }
    }

    @Test
    void headBuildsOnABackboneAndTrainsOneStepToAFiniteLoss() {
        PretextTask task = task();
        InputShape shape = task.inputShape(images().get(0).shape());
        SslLoss loss = loss(task.defaultLoss());
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.FLOAT).updater(new Adam(1e-3)).graphBuilder()
                .addInputs("input").setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
        g.addLayer(Backbone.FEATURE_MAP, new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(4)
                .activation(Activation.RELU).build(), "input");
        g.addLayer(Backbone.FEATURES, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), Backbone.FEATURE_MAP);
        HeadBuilder head = new HeadBuilder(g, shape, task.inputsPerExample(), 4,
                new InputShape(4, shape.height(), shape.width()), loss);
        task.addHead(head);
        assertTrue(head.ended(), "addHead must end with output(...) or pixelOutput(...)");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        PretextBatch b = task.makeBatch(images(), new Random(3));
        DataSet data = new DataSet(Batches.features(b.inputs()), Batches.stack(b.targets()), null,
                b.mask() == null ? null : Batches.stack(b.mask()));
        INDArray out = net.outputSingle(false, data.getFeatures());
        assertEquals(b.size(), out.size(0), "one output row per example");
        net.fit(data);
        assertTrue(Double.isFinite(net.score()), "loss " + net.score());
    }

    private static SslLoss loss(IActivation activation, ILossFunction function) {
        return new SslLoss() {
            @Override
            public IActivation outputActivation() {
                return activation;
            }

            @Override
            public ILossFunction lossFunction() {
                return function;
            }
        };
    }
}
