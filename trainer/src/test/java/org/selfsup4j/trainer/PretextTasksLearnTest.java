package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.data.PretextBatches;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.PretextAccuracy;
import org.selfsup4j.trainer.train.Pretrainer;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainingSettings;

/**
 * Each built-in pretext task learns its task on real images: after a short run on Fashion-MNIST training images its
 * accuracy on 500 test images (fresh random draws) is far above chance.
 */
class PretextTasksLearnTest {
    static List<Image> train;
    static List<Image> test;

    @BeforeAll
    static void load() {
        train = FashionMnist.load(FashionMnist.DEBIAN_FOLDER, FashionMnist.Part.TRAIN).head(3000).images();
        test = FashionMnist.load(FashionMnist.DEBIAN_FOLDER, FashionMnist.Part.TEST).head(500).images();
    }

    @ParameterizedTest(name = "{0} ({1}): accuracy above {3} (chance {2})")
    @CsvSource(delimiter = ';', value = {
            "jigsaw;permutations=30;0.033;0.3",
            "relative-position;;0.125;0.3",
            "corruption;;0.111;0.4"})
    void learnsFarAboveChance(String task, String settings, double chance, double threshold) {
        Catalog catalog = Catalog.discover();
        PretextTask t = catalog.pretextTask(task, ComponentConfig.parse(settings == null ? "" : settings));
        TrainResult r = Pretrainer.builder(catalog.backbone("reference-cnn", ComponentConfig.parse("width=16")), t,
                        catalog.loss(t.defaultLoss(), ComponentConfig.empty()))
                .optSettings(TrainingSettings.defaults().optSteps(120).optBatchSize(32).optSeed(1)).build().fit(train);
        double accuracy = PretextAccuracy.of(r.model().graph(), t, test, 100, 7);
        System.out.printf("%s pretext accuracy after 120 steps: %.3f (chance %.3f)%n", task, accuracy, chance);
        assertTrue(accuracy > threshold, task + " accuracy " + accuracy);
    }

    /**
     * The pixel and contrastive tasks learn too: after 80 steps their loss on held-out test images is clearly below an
     * untrained network's (same seed), and restoration beats handing back its own input (the transformed image
     * untouched). (Inpainting is not held to that: its ×10 band is visible in the input, so copying the input scores
     * the band perfectly; 80 steps do not learn that identity yet.) Colorization gets colour: each Fashion-MNIST image
     * tinted by its class.
     */
    @ParameterizedTest(name = "{0} learns: held-out loss below {1} x untrained")
    @CsvSource(delimiter = ';', value = {"inpainting;0.6", "restoration;0.6", "simclr;0.9", "colorization;0.7"})
    void pixelAndContrastiveTasksLearn(String task, double ratio) {
        Catalog catalog = Catalog.discover();
        List<Image> trainImages = task.equals("colorization") ? tinted(FashionMnist.Part.TRAIN, 3000) : train;
        List<Image> testImages = task.equals("colorization") ? tinted(FashionMnist.Part.TEST, 500) : test;
        PretextTask t = catalog.pretextTask(task, ComponentConfig.empty());
        SslLoss loss = catalog.loss(t.defaultLoss(), ComponentConfig.empty());
        Backbone backbone = catalog.backbone("reference-cnn", ComponentConfig.parse("width=16"));
        TrainingSettings settings = TrainingSettings.defaults().optSteps(80).optBatchSize(32).optSeed(1);
        TrainResult r = Pretrainer.builder(backbone, t, loss).optSettings(settings).build().fit(trainImages);
        PretextTask prepared = t.prepare(trainImages);
        ComputationGraph untrained = Networks.pretext(backbone, prepared, loss, trainImages.get(0).shape(), settings);
        double trained = 0;
        double fresh = 0;
        double identity = 0;
        for (int from = 0; from < 128; from += 32) {
            PretextBatch b = prepared.makeBatch(testImages.subList(from, from + 32), new Random(from));
            DataSet data = PretextBatches.toDataSet(b);
            trained += r.model().graph().score(data);
            fresh += untrained.score(data);
            identity += task.equals("restoration") ? weightedSquaredError(b) : Double.NaN;
        }
        System.out.printf("%s held-out loss after 80 steps %.4f, untrained %.4f, input as prediction %.4f%n", task,
                trained, fresh, identity);
        assertTrue(trained < ratio * fresh, task + ": " + trained + " vs untrained " + fresh);
        if (task.equals("restoration")) {
            assertTrue(trained < identity, task + ": " + trained + " vs its own input " + identity);
        }
    }

    /** The task's weighted squared error (as DL4J's mse under the batch's pixel mask) of predicting the input itself. */
    static double weightedSquaredError(PretextBatch b) {
        int[] shape = b.targets().shape();
        int plane = shape[1] * shape[2];
        double sum = 0;
        for (int n = 0; n < b.size(); n++) {
            float[] x = b.inputs().get(n).pixels();
            float[] y = b.targets().rows()[n];
            float[] w = b.mask().rows()[n];
            for (int c = 0; c < shape[0]; c++) {
                for (int i = 0; i < plane; i++) {
                    double d = x[c * plane + i] - y[c * plane + i];
                    sum += w[i] * d * d / shape[0];
                }
            }
        }
        return sum / b.size();
    }

    /** Fashion-MNIST images as colour images, each tinted with a colour of its class. */
    static List<Image> tinted(FashionMnist.Part part, int n) {
        var data = FashionMnist.load(FashionMnist.DEBIAN_FOLDER, part).head(n);
        float[][] tints = {{1, 0.2f, 0.2f}, {0.2f, 1, 0.2f}, {0.2f, 0.2f, 1}, {1, 1, 0.2f}, {1, 0.2f, 1},
            {0.2f, 1, 1}, {1, 0.6f, 0.2f}, {0.6f, 0.2f, 1}, {0.2f, 0.6f, 0.4f}, {0.9f, 0.9f, 0.9f}};
        List<Image> out = new java.util.ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Image g = data.image(i);
            float[] tint = tints[data.label(i)];
            int plane = g.height() * g.width();
            float[] px = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    px[c * plane + p] = g.pixels()[p] * tint[c];
                }
            }
            out.add(new Image(3, g.height(), g.width(), px));
        }
        return out;
    }
}
