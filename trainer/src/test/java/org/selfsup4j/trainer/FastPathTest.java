package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.selfsup4j.backbones.ReferenceCnnFactory;
import org.selfsup4j.trainer.semisup.TargetPass;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.losses.CrossEntropyLossFactory;
import org.selfsup4j.trainer.backend.FastConvolutionHelper;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.backend.FastReluLayer;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.LabeledBatches;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.TrainingSettings;

/** The oneDNN fast path is on by default, really creates helpers, and trains to the same numbers as DL4J's default path. */
class FastPathTest {
    @AfterEach
    void restoreDefault() {
        System.clearProperty(FastPath.FAST_PATH_PROPERTY);
        System.clearProperty(FastPath.CONVOLUTION_CACHE_PROPERTY);
        System.clearProperty(FastPath.FAST_CONVOLUTION_PROPERTY);
        System.clearProperty(FastPath.FAST_RELU_PROPERTY);
        FastPath.enable();
    }

    static List<DataSet> batches(int n) {
        LabeledBatches producer = new LabeledBatches(TestData.blobs(256, 1, 28, 10), AugmentPipeline.identity(), 64, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batches.add(producer.batch(i));
        }
        return batches;
    }

    static ComputationGraph network() {
        return Networks.classifier(new ReferenceCnnFactory().create(ComponentConfig.empty()), 10,
                new CrossEntropyLossFactory().create(ComponentConfig.empty()), new InputShape(1, 28, 28),
                TrainingSettings.defaults().optSeed(5).optOptimizer("sgd").optLearningRate(0.05));
    }

    static List<Double> train(ComputationGraph g, List<DataSet> batches) {
        List<Double> losses = new ArrayList<>();
        for (DataSet ds : batches) {
            g.fit(ds);
            losses.add(g.score());
        }
        return losses;
    }

    @Test
    void helpersAreCreatedByDefaultAndResultsMatchTheDefaultPath() {
        List<DataSet> batches = batches(8);

        FastPath.disable();
        ComputationGraph plain = network();
        assertNull(plain.getLayer("backbone_1_conv").getHelper(), "DL4J's default path has no helper");
        System.clearProperty(FastPath.FAST_PATH_PROPERTY);
        FastPath.enable();
        assertTrue(FastPath.isActive(), "oneDNN helpers should be on by default: " + FastPath.describe());
        ComputationGraph fast = network();
        assertNotNull(fast.getLayer("backbone_1_conv").getHelper(), "the fast path creates a oneDNN conv helper");
        assertNotNull(fast.getLayer("backbone_1_bn").getHelper(), "the fast path creates a oneDNN batch-norm helper");

        assertEquals(plain.params(), fast.params(), "same seed, same initial weights");
        List<Double> a = train(plain, batches);
        List<Double> b = train(fast, batches);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 1e-3 * Math.abs(a.get(i)), "loss at step " + (i + 1));
        }
        double maxDiff = plain.params().sub(fast.params()).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-3, "weights after 8 steps differ by " + maxDiff);
    }

    @Test
    void describeRecordsTheChoiceBeforeAnyNetworkIsBuiltAndTheThreadCount() {
        System.clearProperty(FastPath.HELPERS_DISABLE_PROPERTY);   // as in a fresh JVM, before enable() has run
        assertTrue(FastPath.describe().contains("onednn_helpers=on"), FastPath.describe());
        System.setProperty(FastPath.FAST_PATH_PROPERTY, "false");
        assertTrue(FastPath.describe().contains("onednn_helpers=off"), FastPath.describe());
        assertTrue(FastPath.describe().matches(".* omp_threads=[1-9][0-9]* malloc=[a-z]+ native_trim_ms=[0-9]+"),
                FastPath.describe());
    }

    /**
     * One convolution with a tanh activation (so the backward pass needs the kept pre-activation, unlike the backbones'
     * convolutions, which are followed by batch norm and have none), global pooling, softmax.
     */
    static ComputationGraph convolutionWithActivation() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.05))
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(28, 28, 1))
                .addLayer("conv", new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(8)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /**
     * On the fast path (our batch-norm helper, the convolution cache), a target pass ({@link TargetPass}: a
     * training-mode forward on another batch of another size) before each step changes neither the running statistics
     * nor the steps: its kept convolution outputs and batch-norm caches are overwritten by the step's own forward pass.
     */
    @Test
    void aTargetPassBeforeEachStepLeavesTheTrainingUnchanged() {
        List<DataSet> batches = batches(4);
        FastPath.enable();
        ComputationGraph plain = network();
        ComputationGraph withPass = network();
        FastPath.install(plain);
        FastPath.install(withPass);
        INDArray other = batches.get(3).getFeatures().get(NDArrayIndex.interval(0, 40), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all());
        INDArray runningBefore = withPass.getLayer("backbone_2_bn").getParam("mean").dup();
        INDArray pass = TargetPass.outputs(withPass, other)[0];
        assertEquals(runningBefore, withPass.getLayer("backbone_2_bn").getParam("mean"), "running mean untouched");
        assertTrue(pass.sub(withPass.outputSingle(false, other)).amaxNumber().doubleValue() > 1e-4,
                "the pass used batch statistics (inference mode would have given other outputs)");
        for (DataSet batch : batches.subList(0, 3)) {
            plain.fit(batch);
            TargetPass.outputs(withPass, other);
            withPass.fit(batch);
        }
        assertEquals(plain.params(), withPass.params());
    }

    @Test
    void selfsup4jsConvolutionBackwardTrainsLikeDl4jsHelperAndSkipsTheFirstLayersInputGradient() {
        List<DataSet> batches = batches(6);
        FastPath.enable();
        System.setProperty(FastPath.FAST_CONVOLUTION_PROPERTY, "false");
        ComputationGraph dl4j = network();
        assertEquals(0, FastPath.install(dl4j).convolutionLayers());
        assertTrue(FastPath.describe().contains("conv_backward=onednn "), FastPath.describe());
        assertInstanceOf(MKLDNNConvHelper.class, dl4j.getLayer("backbone_2_conv").getHelper());
        System.clearProperty(FastPath.FAST_CONVOLUTION_PROPERTY);
        ComputationGraph ours = network();
        assertEquals(3, FastPath.install(ours).convolutionLayers(), "the reference CNN's three convolutions");
        assertEquals(3, FastPath.install(ours).convolutionLayers(), "installing twice changes nothing");
        assertTrue(FastPath.describe().contains("conv_backward=selfsup4j-onednn-2.5.2 "), FastPath.describe());
        FastConvolutionHelper first = assertInstanceOf(FastConvolutionHelper.class,
                ours.getLayer("backbone_1_conv").getHelper());
        assertFalse(first.computesInputGradient(), "the first convolution's input is the network input");
        assertTrue(assertInstanceOf(FastConvolutionHelper.class, ours.getLayer("backbone_2_conv").getHelper())
                .computesInputGradient());
        assertEquals(dl4j.params(), ours.params(), "same seed, same initial weights");

        List<Double> a = train(dl4j, batches);
        List<Double> b = train(ours, batches);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 1e-4 * Math.abs(a.get(i)), "loss at step " + (i + 1));
        }
        double maxDiff = dl4j.params().sub(ours.params()).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-4, "weights after " + batches.size() + " steps differ by " + maxDiff);
    }

    @Test
    void reluLayersRunInOnePassEachWayTrainExactlyAsDl4jsAndSaveAStandardModel(@TempDir Path dir) throws Exception {
        List<DataSet> batches = batches(6);
        FastPath.enable();
        System.setProperty(FastPath.FAST_RELU_PROPERTY, "false");
        ComputationGraph dl4j = network();
        assertEquals(0, FastPath.install(dl4j).reluLayers());
        assertTrue(FastPath.describe().contains("relu=dl4j "), FastPath.describe());
        System.clearProperty(FastPath.FAST_RELU_PROPERTY);
        ComputationGraph ours = network();
        assertEquals(3, FastPath.install(ours).reluLayers(), "the reference CNN's three ReLU layers");
        assertEquals(3, FastPath.install(ours).reluLayers(), "installing twice changes nothing");
        assertTrue(FastPath.describe().contains("relu=selfsup4j "), FastPath.describe());
        assertInstanceOf(FastReluLayer.class, ours.getLayer("backbone_2_relu"));
        assertTrue(java.util.Arrays.asList(ours.getLayers()).contains(ours.getLayer("backbone_2_relu")),
                "the graph's layer array holds the same instance as its vertex");

        List<Double> a = train(dl4j, batches);
        List<Double> b = train(ours, batches);
        assertEquals(a, b, "the same losses, step by step");
        assertEquals(dl4j.params(), ours.params(), "the same weights");
        INDArray x = batches.get(0).getFeatures();
        assertEquals(dl4j.outputSingle(false, x), ours.outputSingle(false, x));

        File saved = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(ours, saved, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(saved, true);
        assertEquals(org.deeplearning4j.nn.layers.ActivationLayer.class, loaded.getLayer("backbone_2_relu").getClass(),
                "the saved configuration is DL4J's standard layer");
        assertEquals(ours.outputSingle(false, x), loaded.outputSingle(false, x));
    }

    @Test
    void reluByHandKeepsNanAndPassesTheGradientOnlyWherePositive() {
        FastPath.enable();
        ComputationGraph g = network();
        FastPath.install(g);
        FastReluLayer relu = assertInstanceOf(FastReluLayer.class, g.getLayer("backbone_1_relu"));
        INDArray x = Nd4j.createFromArray(new float[] {-2f, 0f, 3f, Float.NaN, 0.5f, -0f}).reshape(2, 1, 1, 3);
        relu.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray y = relu.activate(true, LayerWorkspaceMgr.noWorkspaces());
        float[] got = y.reshape(6).toFloatVector();
        assertEquals(0f, got[0]);
        assertEquals(0f, got[1]);
        assertEquals(3f, got[2]);
        assertTrue(Float.isNaN(got[3]), "NaN stays NaN");
        assertEquals(0.5f, got[4]);
        assertEquals(-2f, x.getFloat(0), "the input is not changed");
        INDArray dy = Nd4j.createFromArray(new float[] {1f, 2f, 3f, 4f, 5f, 6f}).reshape(2, 1, 1, 3);
        float[] dx = relu.backpropGradient(dy, LayerWorkspaceMgr.noWorkspaces()).getSecond().reshape(6).toFloatVector();
        assertArrayEquals(new float[] {0f, 0f, 3f, 0f, 5f, 0f}, dx);
        INDArray nanDy = Nd4j.createFromArray(new float[] {Float.NaN, -2f, -3f, 4f, Float.NaN, 6f}).reshape(2, 1, 1, 3);
        float[] nanDx = relu.backpropGradient(nanDy, LayerWorkspaceMgr.noWorkspaces()).getSecond().reshape(6)
                .toFloatVector();
        INDArray reluBp = Nd4j.create(DataType.FLOAT, 2, 1, 1, 3);
        Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative(x, nanDy, reluBp, 0));
        float[] expected = reluBp.reshape(6).toFloatVector();
        for (int i = 0; i < 6; i++) {   // as libnd4j's relu_bp, NaN and zero signs aside
            assertTrue(expected[i] == nanDx[i] || Float.isNaN(expected[i]) && Float.isNaN(nanDx[i]),
                    i + ": relu_bp " + expected[i] + ", ours " + nanDx[i]);
        }
        assertEquals(-3f, nanDx[2]);
        assertTrue(Float.isNaN(nanDx[4]), "a NaN output gradient where x > 0 stays NaN");
        assertEquals(-2f, x.getFloat(0), "the backward pass leaves the input unchanged");
        assertEquals(-2f, nanDy.getFloat(1), "the output gradient is not changed");
    }

    @Test
    void theConvolutionCacheRunsEachForwardOnceTrainsTheSameAndSavesAStandardModel(@TempDir Path dir) throws Exception {
        List<DataSet> batches = batches(6);
        FastPath.enable();
        ComputationGraph cached = trainsTheSameWithAndWithoutTheCache(FastPathTest::network, "backbone_2_conv", batches);
        trainsTheSameWithAndWithoutTheCache(FastPathTest::convolutionWithActivation, "conv", batches);

        File saved = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(cached, saved, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(saved, true);
        assertEquals(CacheMode.DEVICE, loaded.getConfiguration().getCacheMode());
        assertEquals(cached.params(), loaded.params());
        assertEquals(cached.outputSingle(batches.get(0).getFeatures()), loaded.outputSingle(batches.get(0).getFeatures()));
    }

    /**
     * Trains two copies of a network, without and with the cache, and returns the cached one. Both keep DL4J's
     * convolution helper, whose forward passes it counts.
     */
    private static ComputationGraph trainsTheSameWithAndWithoutTheCache(Supplier<ComputationGraph> network, String conv,
                                                                         List<DataSet> batches) throws Exception {
        System.setProperty(FastPath.FAST_CONVOLUTION_PROPERTY, "false");
        System.setProperty(FastPath.CONVOLUTION_CACHE_PROPERTY, "false");
        ComputationGraph recomputing = network.get();
        FastPath.install(recomputing);
        assertEquals(CacheMode.NONE, recomputing.getConfiguration().getCacheMode());
        assertTrue(FastPath.describe().contains("conv_cache=off"), FastPath.describe());
        System.clearProperty(FastPath.CONVOLUTION_CACHE_PROPERTY);
        ComputationGraph cached = network.get();
        FastPath.install(cached);
        assertEquals(CacheMode.DEVICE, cached.getConfiguration().getCacheMode());
        assertTrue(FastPath.describe().contains("conv_cache=on"), FastPath.describe());
        assertEquals(recomputing.params(), cached.params(), "same seed, same initial weights");

        CountingConvolutionHelper countRecomputing = CountingConvolutionHelper.wrap(recomputing, conv);
        CountingConvolutionHelper countCached = CountingConvolutionHelper.wrap(cached, conv);
        recomputing.fit(batches.get(0));
        cached.fit(batches.get(0));
        assertEquals(2, countRecomputing.forwards, "DL4J's default: the backward pass computes " + conv + " again");
        assertEquals(1, countCached.forwards, "with the cache the backward pass reuses " + conv + "'s forward result");

        List<Double> a = train(recomputing, batches.subList(1, batches.size()));
        List<Double> b = train(cached, batches.subList(1, batches.size()));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 1e-6 * Math.abs(a.get(i)), conv + ": loss at step " + (i + 2));
        }
        double maxDiff = recomputing.params().sub(cached.params()).amaxNumber().doubleValue();
        assertTrue(maxDiff < 1e-6, conv + ": weights after " + batches.size() + " steps differ by " + maxDiff);
        return cached;
    }

    /**
     * DL4J's own oneDNN convolution helper that counts its forward convolutions (a subclass, because the layer treats
     * that helper specially: it gives it a zero bias when the layer has none).
     */
    private static final class CountingConvolutionHelper extends MKLDNNConvHelper {
        int forwards;

        private CountingConvolutionHelper() {
            super(DataType.FLOAT);
        }

        static CountingConvolutionHelper wrap(ComputationGraph g, String layer) throws ReflectiveOperationException {
            Field f = ConvolutionLayer.class.getDeclaredField("helper");
            f.setAccessible(true);
            Object layerObject = g.getLayer(layer);
            assertTrue(f.get(layerObject) instanceof MKLDNNConvHelper, "the fast path gives " + layer + " DL4J's oneDNN helper");
            CountingConvolutionHelper counting = new CountingConvolutionHelper();
            f.set(layerObject, counting);
            return counting;
        }

        @Override
        public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                LayerWorkspaceMgr workspaceMgr) {
            forwards++;
            return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation,
                    format, workspaceMgr);
        }
    }
}
