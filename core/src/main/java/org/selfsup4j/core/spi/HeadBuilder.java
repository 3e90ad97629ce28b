package org.selfsup4j.core.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.selfsup4j.core.image.InputShape;

/**
 * What a pretext task builds its head on: the graph after the backbone, the backbone's two taps, and the loss the
 * run trains with. A task adds its layers (anything DL4J has: a dense layer, an MLP, a decoder on the feature map)
 * to {@link #graph()} reading from {@link #features()} or {@link #featureMap()}, and ends with exactly one call of
 * {@link #output} or {@link #pixelOutput}. Everything it adds is dropped when the backbone is fine-tuned, so the
 * saved model stays plain DL4J as long as the head uses DL4J's own layers and vertices.
 *
 * <p>Shapes: the backbone sees {@code n × inputsPerExample} inputs of {@link #inputShape()}; {@link #features()} is
 * {@code [n × inputsPerExample, featureSize]}, {@link #featureMap()} is
 * {@code [n × inputsPerExample, featureMapShape]}. A siamese head {@link #regroup}s the rows of one example into one
 * row before anything that compares them. The loss layer must see one row per example.
 *
 * <p>Vertex names {@value #HEAD} and {@value #OUTPUT} are reserved for the last dense layer and the loss layer.
 */
public final class HeadBuilder {
    /** The loss layer every network ends with. */
    public static final String OUTPUT = "output";
    /** The name {@link #linear} gives its dense layer. */
    public static final String HEAD = "head";

    private final ComputationGraphConfiguration.GraphBuilder graph;
    private final InputShape inputShape;
    private final int inputsPerExample;
    private final int featureSize;
    private final InputShape featureMapShape;
    private final SslLoss loss;
    private final UnaryOperator<InputShape> featureMapFor;
    private boolean ended;

    public HeadBuilder(ComputationGraphConfiguration.GraphBuilder graph, InputShape inputShape, int inputsPerExample,
                       int featureSize, InputShape featureMapShape, SslLoss loss) {
        this(graph, inputShape, inputsPerExample, featureSize, featureMapShape, loss, null);
    }

    /**
     * As the other constructor, with {@code featureMapFor}: the backbone's feature-map shape for another input shape
     * (the trainer passes one, so that a task can name the smallest image its head works with); may be null.
     */
    public HeadBuilder(ComputationGraphConfiguration.GraphBuilder graph, InputShape inputShape, int inputsPerExample,
                       int featureSize, InputShape featureMapShape, SslLoss loss,
                       UnaryOperator<InputShape> featureMapFor) {
        this.featureMapFor = featureMapFor;
        this.graph = Objects.requireNonNull(graph, "graph is null");
        this.inputShape = Objects.requireNonNull(inputShape, "inputShape is null");
        this.featureMapShape = Objects.requireNonNull(featureMapShape, "featureMapShape is null");
        this.loss = Objects.requireNonNull(loss, "loss is null");
        if (inputsPerExample <= 0 || featureSize <= 0) {
            throw new IllegalArgumentException("inputsPerExample and featureSize must be positive, got "
                    + inputsPerExample + ", " + featureSize);
        }
        this.inputsPerExample = inputsPerExample;
        this.featureSize = featureSize;
    }

    /** The graph to add the head's layers to. */
    public ComputationGraphConfiguration.GraphBuilder graph() {
        return graph;
    }

    /** The pooled feature vertex, rank 2: {@value Backbone#FEATURES}. */
    public String features() {
        return Backbone.FEATURES;
    }

    /** Width of {@link #features()}. */
    public int featureSize() {
        return featureSize;
    }

    /** The spatial feature-map vertex, rank 4 (NCHW): {@value Backbone#FEATURE_MAP}. */
    public String featureMap() {
        return Backbone.FEATURE_MAP;
    }

    /** Channels × height × width of {@link #featureMap()} for this run's input shape. */
    public InputShape featureMapShape() {
        return featureMapShape;
    }

    /** The backbone's feature-map shape for inputs of {@code input}, if the builder knows it. */
    public Optional<InputShape> featureMapShapeFor(InputShape input) {
        return featureMapFor == null ? Optional.empty() : Optional.ofNullable(featureMapFor.apply(input));
    }

    /** The shape of one network input (a tile, a patch or the whole image). */
    public InputShape inputShape() {
        return inputShape;
    }

    /** Inputs per example folded into the batch axis (1 unless the task is siamese). */
    public int inputsPerExample() {
        return inputsPerExample;
    }

    /** The loss this run trains with (the task's default or the user's choice). */
    public SslLoss loss() {
        return loss;
    }

    /**
     * Adds a vertex {@code from + "_regrouped"} that turns the rank-2 {@code [n × k, width]} rows of {@code from} into
     * {@code [n, k × width]}: the k inputs of one example side by side, in the order the task made them.
     */
    public String regroup(String from, int width) {
        String name = from + "_regrouped";
        graph.addVertex(name, new ReshapeVertex(-1, inputsPerExample * width), from);
        return name;
    }

    /**
     * Adds a linear layer {@value #HEAD} ({@code nIn} → {@code outputs}, identity activation, Xavier init) after
     * {@code from}, then the loss layer: the head of a classification task and of every fine-tuned classifier.
     */
    public void linear(String from, int nIn, int outputs) {
        graph.addLayer(HEAD, linearLayer(nIn, outputs), from);
        end();
        graph.addLayer(OUTPUT, lossLayer(loss, outputs), HEAD).setOutputs(OUTPUT);
    }

    /** The {@value #HEAD} layer of {@link #linear}: {@code nIn} → {@code outputs}, identity activation, Xavier init. */
    public static DenseLayer linearLayer(long nIn, int outputs) {
        return new DenseLayer.Builder().nIn(nIn).nOut(outputs).activation(Activation.IDENTITY)
                .weightInit(WeightInit.XAVIER).build();
    }

    /**
     * The loss layer for {@code loss} on {@code width} values per example. DL4J's builder refuses a width for a layer
     * without parameters, but without one the layer reports an output of size 0 and DL4J warns about it on every run;
     * so the width is set on the built layer.
     */
    public static LossLayer lossLayer(SslLoss loss, long width) {
        LossLayer layer = new LossLayer.Builder(loss.lossFunction()).activation(loss.outputActivation()).build();
        layer.setNIn(width);
        layer.setNOut(width);
        return layer;
    }

    /**
     * The siamese classification head of jigsaw and relative position: the pooled features of an example's inputs
     * side by side ({@link #regroup}), a dense layer {@code name} of {@code hidden} ReLU units, then {@link #linear}
     * to {@code classes}.
     */
    public void concatenatedMlp(String name, int hidden, int classes) {
        String joined = regroup(features(), featureSize());
        graph.addLayer(name, new DenseLayer.Builder().nIn((long) inputsPerExample * featureSize).nOut(hidden)
                .activation(Activation.RELU).weightInit(WeightInit.RELU).build(), joined);
        linear(name, hidden, classes);
    }

    /**
     * Ends the head on a rank-2 vertex: {@value #OUTPUT}, a loss layer applying the loss's activation and function
     * to one row per example (targets of shape {@code [k]}).
     */
    public void output(String from) {
        end();
        long width = graph.getLayerActivationTypes().get(from).arrayElementsPerExample();
        graph.addLayer(OUTPUT, lossLayer(loss, width), from).setOutputs(OUTPUT);
    }

    /**
     * Ends the head on a rank-4 vertex whose channels × height × width equal the targets' shape {@code [c, h, w]}:
     * {@value #OUTPUT}, a per-pixel loss layer (the activation, a softmax for instance, runs over the channels).
     */
    public void pixelOutput(String from) {
        end();
        graph.addLayer(OUTPUT, new CnnLossLayer.Builder(loss.lossFunction()).activation(loss.outputActivation()).build(), from)
                .setOutputs(OUTPUT);
    }

    /** Whether {@link #output} or {@link #pixelOutput} was called. */
    public boolean ended() {
        return ended;
    }

    private void end() {
        if (ended) {
            throw new IllegalStateException("the head already has its output layer");
        }
        ended = true;
    }
}
