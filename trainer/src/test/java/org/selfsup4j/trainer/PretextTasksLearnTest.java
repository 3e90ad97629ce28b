package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.plugin.Catalog;
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
}
