package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.FineTuner;
import org.selfsup4j.trainer.train.PretextAccuracy;
import org.selfsup4j.trainer.train.Pretrainer;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainedModel;
import org.selfsup4j.trainer.train.TrainingSettings;

/**
 * The whole path on a Fashion-MNIST subset (needs {@code apt-get install dataset-fashion-mnist}): rotation
 * pretraining learns its task, fine-tuning with 100 labels learns the classes, and the saved model loads with plain
 * DL4J and predicts the same.
 */
class EndToEndFashionMnistTest {
    static LabeledImages train;
    static LabeledImages test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        train = InstalledFashionMnist.head(FashionMnist.Part.TRAIN, 4000);
        test = InstalledFashionMnist.head(FashionMnist.Part.TEST, 1000);
    }

    @Test
    void pretrainFineTuneEvaluateSaveAndLoadWithPlainDl4j() throws Exception {
        Catalog catalog = Catalog.discover();
        PretextTask rotation = catalog.pretextTask("rotation", ComponentConfig.empty());
        TrainResult pre = Pretrainer.builder(catalog.backbone("reference-cnn", ComponentConfig.empty()), rotation,
                        catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optSettings(TrainingSettings.defaults().optSteps(150).optBatchSize(32).optSeed(1))
                .build().fit(train.images());
        assertEquals(150, pre.history().steps());

        // rotation accuracy on test images the network never saw (chance: 25 %)
        double rotationAccuracy = PretextAccuracy.of(pre.model().graph(), rotation, test.images().subList(0, 250), 50, 2);
        assertTrue(rotationAccuracy > 0.6, "rotation accuracy " + rotationAccuracy);

        LabeledImages labeled = LabelSplit.perClass(train, 10, 1).apply(train);
        TrainResult tuned = FineTuner.builder(catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optSettings(TrainingSettings.defaults().optSteps(60).optBatchSize(50).optSeed(1))
                .build().fit(pre.model(), labeled);
        EvaluationReport report = Evaluator.evaluate(tuned.model(), test, 250);
        assertTrue(report.accuracy() > 0.4, "10-class accuracy with 100 labels: " + report.accuracy());
        assertTrue(tuned.history().meanOfLast(10) < tuned.history().losses().get(0), "fine-tuning loss fell");

        Path file = dir.resolve("model.zip");
        ModelStore.save(tuned.model(), file);
        ComputationGraph plain = ModelSerializer.restoreComputationGraph(file.toFile(), false);
        List<Image> some = new ArrayList<>(test.images().subList(0, 32));
        INDArray expected = tuned.model().graph().outputSingle(false, Batches.features(some));
        assertEquals(expected, plain.outputSingle(false, Batches.features(some)));
        TrainedModel back = ModelStore.load(file);
        assertEquals(labeled.classNames(), back.classNames());
        assertEquals(train.shape(), back.inputShape());
    }

    @Test
    void linearProbeTrainsOnlyTheHead() {
        Catalog catalog = Catalog.discover();
        TrainResult pre = Pretrainer.builder(catalog.backbone("reference-cnn", ComponentConfig.empty()),
                        catalog.pretextTask("rotation", ComponentConfig.empty()),
                        catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optSettings(TrainingSettings.defaults().optSteps(5).optBatchSize(16)).build().fit(train.images());
        LabeledImages labeled = LabelSplit.perClass(train, 5, 3).apply(train);
        TrainResult probe = FineTuner.builder(catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optFreezeBackbone(true).optSettings(TrainingSettings.defaults().optSteps(10).optBatchSize(25))
                .build().fit(pre.model(), labeled);
        INDArray before = pre.model().graph().getLayer("backbone_2_conv").params();
        INDArray after = probe.model().graph().getLayer("backbone_2_conv").params();
        assertEquals(before, after, "frozen backbone weights must not change");
    }
}
