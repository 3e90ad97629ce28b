package org.selfsup4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.ModelStore;

/**
 * A colorization backbone takes lightness: pretrained on colour images, it records the conversion, and fine-tuning,
 * kNN probing and evaluation on RGB data convert by themselves (no flag), through a save and a load.
 */
class LightnessModelTest {
    static final Catalog CATALOG = Catalog.discover();

    static LabeledImages colourImages(int n, long seed) {
        Random r = new Random(seed);
        List<Image> images = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            float[] px = new float[3 * 12 * 12];
            for (int p = 0; p < px.length; p++) {
                px[p] = Math.min(1, r.nextFloat() * 0.5f + (labels[i] == 1 && p < 144 ? 0.5f : 0));
            }
            images.add(new Image(3, 12, 12, px));
        }
        return new LabeledImages(images, labels, List.of("dark", "red"));
    }

    @Test
    void colorizationModelsFineTuneProbeAndEvaluateOnRgbDataWithoutAFlag(@TempDir Path dir) throws Exception {
        LabeledImages rgb = colourImages(16, 1);
        TrainingSettings settings = TrainingSettings.defaults().optSteps(3).optBatchSize(8);
        TrainResult pretrained = Pretrainer.builder(CATALOG.backbone("reference-cnn", ComponentConfig.parse("width=8")),
                        CATALOG.pretextTask("colorization", ComponentConfig.empty()),
                        CATALOG.loss("cross-entropy", ComponentConfig.empty()))
                .optSettings(settings).optTaskName("colorization").build().fit(rgb.images());
        assertEquals(ImageConversion.LIGHTNESS, pretrained.model().conversion());
        assertEquals(new InputShape(1, 12, 12), pretrained.model().inputShape());
        Path saved = dir.resolve("pretext.zip");
        ModelStore.save(pretrained.model(), saved);
        TrainedModel loaded = ModelStore.load(saved);
        assertEquals(ImageConversion.LIGHTNESS, loaded.conversion());

        SslLoss ce = CATALOG.loss("cross-entropy", ComponentConfig.empty());
        TrainResult tuned = FineTuner.builder(ce).optSettings(settings).build().fit(loaded, rgb);
        assertEquals(ImageConversion.LIGHTNESS, tuned.model().conversion());
        Path classifier = dir.resolve("classifier.zip");
        ModelStore.save(tuned.model(), classifier);
        TrainedModel back = ModelStore.load(classifier);
        EvaluationReport report = Evaluator.evaluate(back, colourImages(10, 2), 5);
        assertEquals(10, report.total());
        assertEquals(ImageConversion.LIGHTNESS, back.conversion());

        EvaluationReport knn = KnnProbe.fit(loaded, rgb, 3, 0.07, 8).evaluate(colourImages(10, 3), 5);
        assertEquals(10, knn.total());
    }
}
