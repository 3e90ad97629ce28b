package org.selfsup4j.trainer.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.backend.FastPath;

/**
 * Builds the networks selfsup4j trains: vertex {@value #INPUT} (NCHW) → backbone ({@value Backbone#FEATURE_MAP},
 * {@value Backbone#FEATURES}) → a head → {@value HeadBuilder#OUTPUT} (a loss layer with the loss's activation). A
 * pretext network's head is whatever its task builds ({@link PretextTask#addHead}); a classifier's head is
 * {@value HeadBuilder#HEAD} (dense, identity activation) on the pooled features. Keeping the activation in a separate
 * loss layer makes per-example label masks weigh examples exactly (an {@code OutputLayer} would also scale its
 * pre-activations by the mask).
 *
 * <p>The backbone is exactly the vertices {@value Backbone#FEATURES} depends on; fine-tuning keeps those, drops
 * everything else, and rebuilds the input for the downstream image shape.
 */
public final class Networks {
    public static final String INPUT = "input";
    public static final String FEATURES = Backbone.FEATURES;
    public static final String HEAD = HeadBuilder.HEAD;
    public static final String OUTPUT = HeadBuilder.OUTPUT;
    /** The feature standardisation in front of a linear probe's head. */
    public static final String PROBE_NORM = "probe_norm";

    private Networks() {
    }

    /** A fresh, initialised pretext network for images of {@code imageShape}: backbone plus the task's head. */
    public static ComputationGraph pretext(Backbone backbone, PretextTask task, SslLoss loss, InputShape imageShape,
                                           TrainingSettings settings) {
        ComputationGraph graph = new ComputationGraph(pretextConfiguration(backbone, task, loss, imageShape, settings));
        graph.init();
        return graph;
    }

    /**
     * The configuration of {@link #pretext}, built and validated but with no weights allocated: what the CLI checks
     * before it creates a run folder (a head that cannot be built for these images fails here).
     */
    public static ComputationGraphConfiguration pretextConfiguration(Backbone backbone, PretextTask task, SslLoss loss,
                                                                     InputShape imageShape, TrainingSettings settings) {
        InputShape shape = task.inputShape(imageShape);
        ComputationGraphConfiguration.GraphBuilder g = withBackbone(backbone, shape, settings);
        HeadBuilder head = headBuilder(g, backbone, shape, task.inputsPerExample(), loss);
        task.addHead(head);
        if (!head.ended()) {
            throw new IllegalStateException("pretext task " + task.getClass().getName()
                    + " built a head without an output layer (call HeadBuilder.output or pixelOutput)");
        }
        return g.build();
    }

    /** A fresh, initialised classifier: backbone plus {@value #HEAD} of {@code classes} outputs trained with {@code loss}. */
    public static ComputationGraph classifier(Backbone backbone, int classes, SslLoss loss, InputShape shape,
                                              TrainingSettings settings) {
        ComputationGraphConfiguration.GraphBuilder g = withBackbone(backbone, shape, settings);
        headBuilder(g, backbone, shape, 1, loss).linear(FEATURES, backbone.featureSize(), classes);
        return init(g);
    }

    /**
     * A copy of {@code pretrained} (which is not modified) keeping its backbone — the vertices {@value #FEATURES}
     * depends on — for inputs of {@code shape} (backbones are size-agnostic: a backbone pretrained on tiles takes whole
     * images), with a new, randomly initialised {@value #HEAD} of {@code outputs} plus {@value #OUTPUT} for
     * {@code loss}, trained with {@code settings}' updater, weight decay and seed. With {@code freezeBackbone} only the
     * head trains (a linear probe on frozen features, batch norm in inference mode), after {@value #PROBE_NORM}: a
     * batch norm without scale and shift (as MAE's linear probe) that standardises the features, so the probe does not
     * depend on their scale, which differs from one pretext task (or random initialisation) to another by orders of
     * magnitude and otherwise decides how far a few hundred optimiser steps get.
     */
    public static ComputationGraph withNewHead(ComputationGraph pretrained, InputShape shape, int outputs, SslLoss loss,
                                               TrainingSettings settings, boolean freezeBackbone) {
        FastPath.enable();
        int featureSize = featureSize(pretrained, shape);
        TransferLearning.GraphBuilder tl = backboneOnly(pretrained, shape, settings);
        String headInput = FEATURES;
        if (freezeBackbone) {
            tl.addLayer(PROBE_NORM, new BatchNormalization.Builder().nIn(featureSize).nOut(featureSize)
                    .lockGammaBeta(true).build(), FEATURES);
            headInput = PROBE_NORM;
        }
        tl.addLayer(HEAD, HeadBuilder.linearLayer(featureSize, outputs), headInput)
                .addLayer(OUTPUT, HeadBuilder.lossLayer(loss, outputs), HEAD)
                .setOutputs(OUTPUT);
        if (freezeBackbone) {
            tl.setFeatureExtractor(FEATURES);
        }
        return tl.build();
    }

    /**
     * A copy of {@code pretrained}'s backbone alone, for inputs of {@code shape}, whose one output is the pooled
     * {@value #FEATURES} (for probes that read features, such as kNN). Not trainable: it has no loss layer.
     */
    public static ComputationGraph featureExtractor(ComputationGraph pretrained, InputShape shape) {
        FastPath.enable();
        return backboneOnly(pretrained, shape, TrainingSettings.defaults()).setOutputs(FEATURES)
                .validateOutputLayerConfig(false).build();
    }

    private static TransferLearning.GraphBuilder backboneOnly(ComputationGraph pretrained, InputShape shape,
                                                              TrainingSettings settings) {
        requireVertex(pretrained, FEATURES);
        Set<String> keep = ancestors(pretrained.getConfiguration(), FEATURES);
        TransferLearning.GraphBuilder tl = new TransferLearning.GraphBuilder(pretrained.clone())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder()
                        .updater(settings.updater()).weightDecay(settings.weightDecay()).seed(settings.seed()).build());
        for (String name : pretrained.getConfiguration().getVertices().keySet()) {
            if (!keep.contains(name)) {
                tl.removeVertexAndConnections(name);
            }
        }
        return tl.setInputTypes(InputType.convolutional(shape.height(), shape.width(), shape.channels()));
    }

    /** {@code vertex} and every vertex it reads from, directly or not (network inputs excluded). */
    static Set<String> ancestors(ComputationGraphConfiguration conf, String vertex) {
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(vertex));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (conf.getVertices().containsKey(v) && seen.add(v)) {
                todo.addAll(inputs.getOrDefault(v, List.of()));
            }
        }
        return seen;
    }

    private static ComputationGraphConfiguration.GraphBuilder withBackbone(Backbone backbone, InputShape shape,
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
        backbone.addTo(g, INPUT, shape);
        return g;
    }

    private static HeadBuilder headBuilder(ComputationGraphConfiguration.GraphBuilder g, Backbone backbone,
                                           InputShape shape, int inputsPerExample, SslLoss loss) {
        Map<String, InputType> types = g.getLayerActivationTypes();
        InputType map = types.get(Backbone.FEATURE_MAP);
        InputType features = types.get(Backbone.FEATURES);
        if (!(map instanceof InputType.InputTypeConvolutional conv) || features == null
                || features.arrayElementsPerExample() != backbone.featureSize()) {
            throw new IllegalStateException("backbone " + backbone.getClass().getName() + " must add a rank-4 vertex '"
                    + Backbone.FEATURE_MAP + "' and a rank-2 vertex '" + Backbone.FEATURES + "' of "
                    + backbone.featureSize() + " values; got " + map + " and " + features);
        }
        InputShape mapShape = new InputShape((int) conv.getChannels(), (int) conv.getHeight(), (int) conv.getWidth());
        return new HeadBuilder(g, shape, inputsPerExample, backbone.featureSize(), mapShape, loss,
                other -> featureMapShape(backbone, other));
    }

    /** The backbone's feature-map shape for inputs of {@code shape}, or null if it cannot take them. */
    static InputShape featureMapShape(Backbone backbone, InputShape shape) {
        try {
            InputType t = withBackbone(backbone, shape, TrainingSettings.defaults()).getLayerActivationTypes()
                    .get(Backbone.FEATURE_MAP);
            return t instanceof InputType.InputTypeConvolutional c
                    ? new InputShape((int) c.getChannels(), (int) c.getHeight(), (int) c.getWidth()) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ComputationGraph init(ComputationGraphConfiguration.GraphBuilder g) {
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** Width of the pooled feature vector of {@code graph} for inputs of {@code shape}. */
    public static int featureSize(ComputationGraph graph, InputShape shape) {
        requireVertex(graph, FEATURES);
        InputType t = graph.getConfiguration().getLayerActivationTypes(false, false,
                InputType.convolutional(shape.height(), shape.width(), shape.channels())).get(FEATURES);
        return (int) t.arrayElementsPerExample();
    }

    /** Number of outputs of a classifier's head (its classes). */
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
