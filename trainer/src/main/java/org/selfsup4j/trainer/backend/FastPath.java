package org.selfsup4j.trainer.backend;

import java.lang.reflect.Field;
import java.util.Properties;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Switches on DL4J's fast CPU path: the oneDNN layer helpers for convolution, batch norm and pooling. In DL4J
 * 1.0.0-M2.1 they are off unless the system property {@value #HELPERS_DISABLE_PROPERTY} is {@code false}, and even
 * then are never created because of a renamed class (see {@code org.nd4j.nativeblas.Nd4jCpu}, our shim). Every
 * selfsup4j entry point that builds a network calls {@link #enable()}; pass {@code -Dselfsup.fastpath=false} to run
 * DL4J's default path instead (for comparison). Also sets FP32 as the default data type.
 *
 * <p>{@link #install} then gives a network's batch-norm layers selfsup4j's {@link FastBatchNormHelper} in place of
 * DL4J's oneDNN one (the layers stay DL4J's standard {@code BatchNormalization}, so saved models are unchanged);
 * {@code -D}{@value #FAST_BATCH_NORM_PROPERTY}{@code =false} keeps DL4J's oneDNN batch norm. Likewise its
 * convolution layers get {@link FastConvolutionHelper} (the backward pass on a current oneDNN);
 * {@code -D}{@value #FAST_CONVOLUTION_PROPERTY}{@code =false} keeps DL4J's oneDNN convolution helper.
 */
public final class FastPath {
    /** DL4J's switch: helpers are disabled unless this is "false". */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";
    /** Our switch: "false" keeps DL4J's default (helpers off) path. */
    public static final String FAST_PATH_PROPERTY = "selfsup.fastpath";
    /** "false" keeps DL4J's oneDNN batch-norm helper instead of {@link FastBatchNormHelper}. */
    public static final String FAST_BATCH_NORM_PROPERTY = "selfsup.fastbn";
    /** "false" keeps DL4J's oneDNN convolution helper instead of {@link FastConvolutionHelper}. */
    public static final String FAST_CONVOLUTION_PROPERTY = "selfsup.fastconv";
    /** "false" keeps DL4J's own {@code ActivationLayer} implementation for ReLU instead of {@link FastReluLayer}. */
    public static final String FAST_RELU_PROPERTY = "selfsup.fastrelu";
    /**
     * "false" lets DL4J's convolution layers compute their forward pass a second time in every backward pass (DL4J's
     * default, {@code CacheMode.NONE}) instead of keeping it from the forward pass.
     */
    public static final String CONVOLUTION_CACHE_PROPERTY = "selfsup.ffcache";
    private static final Field BATCH_NORM_HELPER = helperField(BatchNormalization.class, BatchNormalizationHelper.class);
    private static final Field CONVOLUTION_HELPER = helperField(ConvolutionLayer.class, ConvolutionHelper.class);
    private static final Field GRAPH_LAYERS = accessible(ComputationGraph.class, "layers");
    private static final Field VERTEX_LAYER = accessible(LayerVertex.class, "layer");

    private FastPath() {
    }

    /** Applies the choice of {@value #FAST_PATH_PROPERTY} (default on); idempotent; returns whether helpers are allowed. */
    public static synchronized boolean enable() {
        boolean wanted = !"false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "true"));
        System.setProperty(HELPERS_DISABLE_PROPERTY, String.valueOf(!wanted));
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        return wanted;
    }

    /** Forces DL4J's default path (helpers off) for networks initialised from now on. */
    public static synchronized void disable() {
        System.setProperty(FAST_PATH_PROPERTY, "false");
        enable();
    }

    /** True if networks initialised now get oneDNN helpers: property set, CPU backend, oneDNN build. */
    public static boolean isActive() {
        return "false".equals(System.getProperty(HELPERS_DISABLE_PROPERTY)) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * True if networks built through selfsup4j get oneDNN helpers: the fast path is not switched off with
     * {@value #FAST_PATH_PROPERTY} and the native build has oneDNN. Unlike {@link #isActive()} this does not depend on
     * whether {@link #enable()} has run yet, so a run folder written before its network is built records it rightly.
     */
    public static boolean isChosen() {
        return !"false".equalsIgnoreCase(System.getProperty(FAST_PATH_PROPERTY, "true")) && BaseMKLDNNHelper.mklDnnEnabled();
    }

    /**
     * Prepares {@code graph} for fast training; idempotent; called by the training loops before they train.
     *
     * <p>First, on the fast path, DL4J's cache mode {@code DEVICE} (unless
     * {@value #CONVOLUTION_CACHE_PROPERTY}{@code =false}): DL4J's
     * {@code ConvolutionLayer} computes its convolution again in every backward pass, only to pass the result to its
     * activation's derivative, unless the forward pass kept it; with the cache mode it keeps a copy (one array per
     * convolution, in the activations workspace) and a training step runs each convolution forward once. It is a
     * standard setting of the configuration, so saved models still load in plain DL4J.
     *
     * <p>Then gives every batch-norm layer that has DL4J's oneDNN helper (the fast path was on when the network was
     * built or loaded) a {@link FastBatchNormHelper} that falls back to it; not with
     * {@value #FAST_BATCH_NORM_PROPERTY}{@code =false}; and every standard convolution layer with DL4J's oneDNN helper
     * a {@link FastConvolutionHelper} (told whether its input needs a gradient: not when it is a network input), not
     * with {@value #FAST_CONVOLUTION_PROPERTY}{@code =false} or where JavaCPP's oneDNN does not load; and every
     * (unfrozen) ReLU {@code ActivationLayer} a {@link FastReluLayer} instance in place of DL4J's, same configuration
     * object (not with {@value #FAST_RELU_PROPERTY}{@code =false}). Returns how many layers of each kind now have
     * selfsup4j's implementation.
     */
    public static Installed install(ComputationGraph graph) {
        if (isConvolutionCacheChosen()) {
            graph.getConfiguration().setCacheMode(CacheMode.DEVICE);   // opens the workspace the layers cache into
            graph.setCacheMode(CacheMode.DEVICE);                      // the layers' own copy of the setting
        }
        return new Installed(installBatchNorm(graph), installConvolution(graph), installRelu(graph));
    }

    /**
     * What {@link #install} did.
     *
     * @param batchNormLayers   batch-norm layers with {@link FastBatchNormHelper}
     * @param convolutionLayers convolution layers with {@link FastConvolutionHelper}
     * @param reluLayers        ReLU activation layers that are {@link FastReluLayer}s
     */
    public record Installed(int batchNormLayers, int convolutionLayers, int reluLayers) {
    }

    /** True if {@link #install} gives ReLU layers {@link FastReluLayer}: on the fast path, unless switched off. */
    public static boolean isFastReluChosen() {
        return isChosen() && !"false".equalsIgnoreCase(System.getProperty(FAST_RELU_PROPERTY, "true"));
    }

    private static int installRelu(ComputationGraph graph) {
        if (!isFastReluChosen()) {
            return 0;
        }
        int count = 0;
        try {
            Layer[] layers = (Layer[]) GRAPH_LAYERS.get(graph);
            for (GraphVertex vertex : graph.getVertices()) {
                if (!(vertex instanceof LayerVertex lv)) {
                    continue;
                }
                Layer layer = lv.getLayer();   // a FrozenLayer is not an ActivationLayer: frozen ones keep DL4J's
                if (layer instanceof FastReluLayer) {
                    count++;
                } else if (layer.getClass() == ActivationLayer.class && FastReluLayer.handles(layer.conf())) {
                    FastReluLayer fast = new FastReluLayer(layer.conf(), graph.getConfiguration().getDataType());
                    fast.setIndex(layer.getIndex());
                    fast.setListeners(layer.getListeners());
                    fast.setCacheMode(graph.getConfiguration().getCacheMode());
                    VERTEX_LAYER.set(lv, fast);
                    for (int i = 0; i < layers.length; i++) {
                        if (layers[i] == layer) {
                            layers[i] = fast;
                        }
                    }
                    count++;
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replace the ReLU layers' implementation", e);
        }
        return count;
    }

    private static Field accessible(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this DL4J version's " + type.getSimpleName() + " has no '" + name + "'", e);
        }
    }

    /**
     * True if {@link #install} gives convolution layers {@link FastConvolutionHelper}: on the fast path, unless
     * {@value #FAST_CONVOLUTION_PROPERTY} is "false", and JavaCPP's oneDNN loads on this machine.
     */
    public static boolean isFastConvolutionChosen() {
        return isChosen() && !"false".equalsIgnoreCase(System.getProperty(FAST_CONVOLUTION_PROPERTY, "true"))
                && OneDnn.isAvailable();
    }

    private static int installConvolution(ComputationGraph graph) {
        if (!isFastConvolutionChosen()) {
            return 0;
        }
        int count = 0;
        for (GraphVertex vertex : graph.getVertices()) {
            if (!vertex.hasLayer() || unwrap(vertex.getLayer()).getClass() != ConvolutionLayer.class) {
                continue;   // subclasses (deconvolution, depthwise, ...) have their own backward passes
            }
            boolean inputGradient = needsInputGradient(graph, vertex);
            if (replaceHelper(CONVOLUTION_HELPER, unwrap(vertex.getLayer()), MKLDNNConvHelper.class,
                    FastConvolutionHelper.class, onednn -> new FastConvolutionHelper(onednn, inputGradient))) {
                count++;
            }
        }
        return count;
    }

    /** False only for a layer fed directly by network inputs, with no input preprocessor. */
    private static boolean needsInputGradient(ComputationGraph graph, GraphVertex vertex) {
        var conf = graph.getConfiguration();
        var vertexConf = conf.getVertices().get(vertex.getVertexName());
        if (vertexConf instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv && lv.getPreProcessor() != null) {
            return true;
        }
        var inputs = conf.getVertexInputs().get(vertex.getVertexName());
        return inputs == null || inputs.isEmpty() || !conf.getNetworkInputs().containsAll(inputs);
    }

    private static int installBatchNorm(ComputationGraph graph) {
        if ("false".equalsIgnoreCase(System.getProperty(FAST_BATCH_NORM_PROPERTY, "true"))) {
            return 0;
        }
        int count = 0;
        for (Layer layer : graph.getLayers()) {
            Layer inner = unwrap(layer);
            if (inner instanceof BatchNormalization && replaceHelper(BATCH_NORM_HELPER, inner,
                    MKLDNNBatchNormHelper.class, FastBatchNormHelper.class, FastBatchNormHelper::new)) {
                count++;
            }
        }
        return count;
    }

    /**
     * True if {@link #install} gives networks the convolution cache: on the fast path, unless
     * {@value #CONVOLUTION_CACHE_PROPERTY} is "false".
     */
    public static boolean isConvolutionCacheChosen() {
        return isChosen() && !"false".equalsIgnoreCase(System.getProperty(CONVOLUTION_CACHE_PROPERTY, "true"));
    }

    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (true) {
            if (l instanceof FrozenLayer f) {
                l = f.getInsideLayer();
            } else if (l instanceof FrozenLayerWithBackprop f) {
                l = f.getInsideLayer();
            } else {
                return l;
            }
        }
    }

    /**
     * Puts {@code ours.apply(dl4j)} into {@code layer}'s helper field where it holds DL4J's oneDNN helper
     * ({@code dl4jType}); true if the layer now has selfsup4j's helper ({@code oursType}), newly or from before.
     */
    private static <H> boolean replaceHelper(Field helperField, Layer layer, Class<H> dl4jType, Class<?> oursType,
                                             java.util.function.Function<H, Object> ours) {
        try {
            Object helper = helperField.get(layer);
            if (dl4jType.isInstance(helper)) {
                helperField.set(layer, ours.apply(dl4jType.cast(helper)));
                return true;
            }
            return oursType.isInstance(helper);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the helper of layer " + layer.getIndex(), e);
        }
    }

    private static Field helperField(Class<?> layer, Class<?> helperType) {
        try {
            Field f = layer.getDeclaredField("helper");
            if (!helperType.isAssignableFrom(f.getType())) {
                throw new IllegalStateException(layer.getSimpleName() + ".helper is a " + f.getType());
            }
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this DL4J version's " + layer.getSimpleName() + " has no 'helper' field", e);
        }
    }

    /**
     * One line for logs and run.json: backend, BLAS, oneDNN helpers of networks built by selfsup4j, batch-norm helper,
     * convolution backward, ReLU layers, convolution cache, OpenMP threads, native allocator and the JVM's native-heap trim interval (0: off).
     */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return "backend=" + env.getOrDefault("backend", "?") + " blas=" + env.getOrDefault("blas.vendor", "?")
                + " onednn_helpers=" + (isChosen() ? "on" : "off")
                + " batch_norm=" + (!isChosen() ? "dl4j" : "false".equalsIgnoreCase(System.getProperty(
                        FAST_BATCH_NORM_PROPERTY, "true")) ? "onednn" : "selfsup4j")
                + " conv_backward=" + (!isChosen() ? "dl4j" : isFastConvolutionChosen() ? "selfsup4j-onednn-" + OneDnn.version() : "onednn")
                + " relu=" + (isFastReluChosen() ? "selfsup4j" : "dl4j")
                + " conv_cache=" + (isConvolutionCacheChosen() ? "on" : "off") + " omp_threads=" + env.getOrDefault("omp.threads", "?")
                + " malloc=" + NativeAllocator.describe()
                + " native_trim_ms=" + NativeAllocator.trimIntervalMillis();
    }
}
