package org.selfsup4j.trainer.train;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.HeadSpec;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.backend.FastPath;

/**
 * Builds the networks selfsup4j trains, all of one shape: vertex {@value #INPUT} (NCHW) → backbone →
 * {@value #FEATURES} → {@value #HEAD} (dense, identity activation) → {@value #OUTPUT} ({@code LossLayer} with the
 * loss's activation). Keeping the activation in a separate loss layer makes per-example label masks weigh examples
 * exactly (an {@code OutputLayer} would also scale its pre-activations by the mask). Fine-tuning swaps the last two.
 */
public final class Networks {
    public static final String INPUT = "input";
    public static final String FEATURES = "features";
    public static final String HEAD = "head";
    public static final String OUTPUT = "output";

    private Networks() {
    }

    /** A fresh, initialised network: backbone plus a head of {@code head.outputs()} trained with {@code loss}. */
    public static ComputationGraph build(Backbone backbone, HeadSpec head, SslLoss loss, InputShape shape,
                                         TrainingSettings settings) {
        FastPath.enable();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(settings.updater())
                .weightDecay(settings.weightDecay())
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
        String features = backbone.addTo(g, INPUT, shape);
        if (!FEATURES.equals(features)) {
            throw new IllegalStateException("backbones must name their feature vertex '" + FEATURES + "', got " + features);
        }
        addHead(g, backbone.featureSize(), head.outputs(), loss);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /**
     * A copy of {@code pretrained} (which is not modified) with everything up to {@value #FEATURES} kept and a new,
     * randomly initialised {@value #HEAD} of {@code outputs} plus {@value #OUTPUT} for {@code loss}, trained with
     * {@code settings}' updater, weight decay and seed. With {@code freezeBackbone} only the head trains (a linear
     * probe on frozen features, batch norm in inference mode).
     */
    public static ComputationGraph withNewHead(ComputationGraph pretrained, int outputs, SslLoss loss,
                                               TrainingSettings settings, boolean freezeBackbone) {
        FastPath.enable();
        int featureSize = featureSize(pretrained);
        TransferLearning.GraphBuilder tl = new TransferLearning.GraphBuilder(pretrained.clone())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder()
                        .updater(settings.updater()).weightDecay(settings.weightDecay()).seed(settings.seed()).build())
                .removeVertexAndConnections(OUTPUT)
                .removeVertexAndConnections(HEAD)
                .addLayer(HEAD, new DenseLayer.Builder().nIn(featureSize).nOut(outputs)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), FEATURES)
                .addLayer(OUTPUT, new LossLayer.Builder(loss.lossFunction())
                        .activation(loss.outputActivation()).build(), HEAD)
                .setOutputs(OUTPUT);
        if (freezeBackbone) {
            tl.setFeatureExtractor(FEATURES);
        }
        return tl.build();
    }

    /** Adds {@value #HEAD} and {@value #OUTPUT} after {@value #FEATURES}. */
    static void addHead(ComputationGraphConfiguration.GraphBuilder g, int featureSize, int outputs, SslLoss loss) {
        g.addLayer(HEAD, new DenseLayer.Builder().nIn(featureSize).nOut(outputs).activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER).build(), FEATURES)
                .addLayer(OUTPUT, new LossLayer.Builder(loss.lossFunction()).activation(loss.outputActivation()).build(), HEAD)
                .setOutputs(OUTPUT);
    }

    /** Width of the feature vector feeding the head. */
    public static int featureSize(ComputationGraph graph) {
        requireVertex(graph, FEATURES);
        requireVertex(graph, HEAD);
        return (int) ((FeedForwardLayer) graph.getLayer(HEAD).conf().getLayer()).getNIn();
    }

    /** Number of outputs of the head (classes, for a classifier). */
    public static int outputs(ComputationGraph graph) {
        requireVertex(graph, HEAD);
        return (int) ((FeedForwardLayer) graph.getLayer(HEAD).conf().getLayer()).getNOut();
    }

    private static void requireVertex(ComputationGraph graph, String name) {
        if (graph.getVertex(name) == null) {
            throw new SelfSupException(ErrorCode.BAD_MODEL, "Not a selfsup4j model: it has no vertex [" + name
                    + "] (selfsup4j models are input -> backbone -> features -> head -> output)", name, List.of(), null);
        }
    }
}
