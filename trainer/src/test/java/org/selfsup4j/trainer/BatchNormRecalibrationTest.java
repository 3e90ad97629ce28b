package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.train.BatchNormRecalibration;
import org.selfsup4j.trainer.train.BatchNormRecalibration.LayerStatistics;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.TrainingSettings;

class BatchNormRecalibrationTest {
    static final Catalog CATALOG = Catalog.discover();

    /**
     * The sample of a pool of stored images is the one a seeded shuffle of the whole pool would give (the same images,
     * in the same order), shares the pool's storage instead of copying it, and a pool no larger than the sample is
     * used whole.
     */
    @Test
    void sampleShufflesIndicesAndSharesTheStorageOfStoredImages() {
        List<Image> pool = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            pool.add(new Image(1, 1, 2, new float[] {i / 255f, (39 - i) / 255f}));
        }
        org.selfsup4j.core.image.StoredImages stored = org.selfsup4j.core.image.StoredImages.of(pool);
        List<Image> shuffled = new java.util.ArrayList<>(pool);
        java.util.Collections.shuffle(shuffled, new Random(7));
        List<Image> sample = BatchNormRecalibration.sample(stored, 6, 7);
        assertTrue(sample instanceof org.selfsup4j.core.image.StoredImages, sample.getClass().getName());
        assertEquals(6, sample.size());
        for (int k = 0; k < 6; k++) {
            assertEquals(shuffled.get(k).pixels()[0], sample.get(k).pixels()[0], 0f, "image " + k);
        }
        assertEquals(sample, BatchNormRecalibration.sample(stored, 6, 7), "same seed, same sample");
        assertTrue(BatchNormRecalibration.sample(stored, 40, 7) == stored, "a pool of 40 is used whole for 40");
    }

    /** Two 1x2x2 images through a lone batch-norm layer: mean and variance by hand. */
    @Test
    void storesThePopulationMeanAndVarianceComputedByHand() {
        List<Image> images = List.of(new Image(1, 2, 2, new float[] {1, 2, 3, 4}), new Image(1, 2, 2, new float[] {5, 6, 7, 8}));
        // mean 4.5; population variance (3.5² + 2.5² + 1.5² + 0.5²) · 2 / 8 = 5.25
        for (boolean logStd : new boolean[] {true, false}) {
            ComputationGraph g = loneBatchNorm(logStd);
            List<LayerStatistics> set = BatchNormRecalibration.recalibrate(g, images, 1);
            assertEquals(1, set.size());
            Map<String, INDArray> p = g.getLayer("bn").paramTable();
            assertEquals(4.5, p.get("mean").getDouble(0), 1e-6);
            if (logStd) {
                assertEquals(0.5 * Math.log10(5.25), p.get("log10stdev").getDouble(0), 1e-6);
            } else {
                assertEquals(5.25, p.get("var").getDouble(0), 1e-5);
            }
            // inference then gives (x − 4.5) / √(5.25 + ε)
            INDArray y = g.outputSingle(false, Batches.features(images));
            assertEquals((8 - 4.5) / Math.sqrt(5.25 + 1e-5), y.getDouble(1, 0, 1, 1), 1e-5);
        }
    }

    /**
     * After re-estimation every batch-norm layer's inference output over the images has per channel mean β and
     * standard deviation γ·√(σ²/(σ²+ε)), σ² being the variance of the layer's input measured here independently;
     * before it, with stale statistics, it does not. Nothing but the statistics changes.
     */
    @Test
    void everyBatchNormLayerIsNormalisedOverTheImagesAfterwards() {
        for (String spec : List.of("reference-cnn:width=8", "pooled-cnn:width=8,depth=1", "pooled-cnn:width=8", "resnet-small:width=4")) {
            String backbone = spec.substring(0, spec.indexOf(':'));
            FastPath.enable();
            ComputationGraph g = Networks.classifier(CATALOG.backbone(backbone, ComponentConfig.parse(spec.substring(spec.indexOf(':') + 1))),
                    3, CATALOG.loss("cross-entropy", ComponentConfig.empty()),
                    new InputShape(1, 16, 16), TrainingSettings.defaults());
            Random r = new Random(5);
            int layers = 0;
            long channels = 0;
            for (GraphVertex v : g.getVertices()) {
                if (v.hasLayer() && v.getLayer() instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                    Map<String, INDArray> p = v.getLayer().paramTable();
                    layers++;
                    channels += p.get("mean").length();
                    p.get("gamma").assign(randomLike(p.get("gamma"), r, 0.5, 2.0));
                    p.get("beta").assign(randomLike(p.get("beta"), r, -1.0, 1.0));
                    p.get("mean").assign(0.3);
                    p.get("log10stdev").assign(0.2);
                }
            }
            List<Image> images = TestData.blobs(70, 1, 16, 3).images();
            assertTrue(worstDeviation(g, images) > 0.05, backbone + ": stale statistics should not normalise");
            INDArray before = g.params().dup();
            List<LayerStatistics> set = BatchNormRecalibration.recalibrate(g, images, 16);
            assertEquals(layers, set.size(), backbone + ": every batch-norm layer");
            assertTrue(worstDeviation(g, images) < 2e-3, backbone + ": " + worstDeviation(g, images));
            assertEquals(before.length(), g.params().length());
            long changed = 0;
            for (long i = 0; i < before.length(); i++) {
                changed += before.getDouble(i) != g.params().getDouble(i) ? 1 : 0;
            }
            assertEquals(2 * channels, changed, backbone + ": only the means and log10 std of the " + channels + " channels change");
        }
    }

    @Test
    void noImagesIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> BatchNormRecalibration.recalibrate(loneBatchNorm(true), List.of(), 4));
    }

    /** Largest |mean − β| or |std − γ·√(σ²/(σ²+ε))| / γ over every batch-norm layer and channel, inference mode. */
    private static double worstDeviation(ComputationGraph g, List<Image> images) {
        Map<String, INDArray> acts = g.feedForward(Batches.features(images), false);
        double worst = 0;
        for (GraphVertex v : g.getVertices()) {
            if (!v.hasLayer() || !(v.getLayer() instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization)) {
                continue;
            }
            String input = g.getConfiguration().getVertexInputs().get(v.getVertexName()).get(0);
            // the layer's output from the layer itself: in the forward pass's map, the ReLU after it has
            // overwritten it (DL4J's activation layer works in place in inference mode)
            INDArray in = acts.get(input);
            INDArray y = v.getLayer().activate(in.dup(), false, LayerWorkspaceMgr.noWorkspaces()).castTo(DataType.DOUBLE);
            INDArray x = in.castTo(DataType.DOUBLE);
            double eps = ((BatchNormalization) v.getLayer().conf().getLayer()).getEps();
            INDArray gamma = v.getLayer().paramTable().get("gamma");
            INDArray beta = v.getLayer().paramTable().get("beta");
            for (int c = 0; c < x.size(1); c++) {
                INDArray xc = x.get(all(), point(c), all(), all());
                INDArray yc = y.get(all(), point(c), all(), all());
                double var = populationVariance(xc);   // population variance, as batch norm uses
                double expectStd = gamma.getDouble(c) * Math.sqrt(var / (var + eps));
                worst = Math.max(worst, Math.abs(yc.meanNumber().doubleValue() - beta.getDouble(c)));
                worst = Math.max(worst, Math.abs(Math.sqrt(populationVariance(yc)) - expectStd) / gamma.getDouble(c));
            }
        }
        return worst;
    }

    private static double populationVariance(INDArray x) {
        INDArray d = x.sub(x.meanNumber());
        return d.mul(d).meanNumber().doubleValue();
    }

    private static INDArray randomLike(INDArray like, Random r, double lo, double hi) {
        INDArray out = like.dup();
        for (long i = 0; i < out.length(); i++) {
            out.putScalar(i, lo + (hi - lo) * r.nextDouble());
        }
        return out;
    }

    private static ComputationGraph loneBatchNorm(boolean logStd) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in").setInputTypes(InputType.convolutional(2, 2, 1))
                .addLayer("bn", new BatchNormalization.Builder().useLogStd(logStd).build(), "in")
                .setOutputs("bn").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }
}
