package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.TestData;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.TrainedModel;
import org.selfsup4j.trainer.train.TrainingSettings;

class SemiSupervisedTrainerTest {
    static final Catalog CATALOG = Catalog.discover();

    static SemiSupervisedTrainer trainer(SemiSupervisedSettings s) {
        return builder(s).build();
    }

    static SemiSupervisedTrainer.Builder builder(SemiSupervisedSettings s) {
        AugmentPipeline weak = AugmentPipeline.parse("horizontal-flip", CATALOG);
        return SemiSupervisedTrainer.builder(CATALOG.backbone("reference-cnn", ComponentConfig.parse("width=8")),
                CATALOG.loss("cross-entropy", ComponentConfig.empty()), s, weak,
                s.method().equals("uda") ? AugmentPipeline.identity() : weak,
                s.mixes() ? weak : AugmentPipeline.parse("randaugment-fixmatch", CATALOG));
    }

    /** Trains with checkpoints every 4 steps in {@code dir}, crashes after step 10, and resumes to the end. */
    static SemiSupervisedTrainer.Result crashAfterStep10AndResume(java.nio.file.Path dir, SemiSupervisedSettings s,
                                                               LabeledImages labeled, List<Image> unlabeled) {
        java.util.function.Supplier<org.selfsup4j.trainer.train.Checkpoints> checkpoints = () ->
                new org.selfsup4j.trainer.train.Checkpoints(dir, 4, java.time.Duration.ofHours(1));
        assertThrows(IllegalStateException.class, () -> builder(s).optCheckpoints(checkpoints.get())
                .optListener((step, total) -> {
                    if (step.step() == 10) {
                        throw new IllegalStateException("simulated crash");
                    }
                }).build().fit(labeled, unlabeled));
        return builder(s).optCheckpoints(checkpoints.get()).build().fit(labeled, unlabeled);
    }

    @Test
    void mixMatchTrainsReproduciblyAndReturnsThePlainClassifier() {
        LabeledImages all = TestData.blobs(120, 1, 16, 3);
        LabeledImages labeled = all.head(12);
        List<Image> unlabeled = all.images().subList(12, 120);
        SemiSupervisedSettings s = SemiSupervisedSettings.mixMatch().optSteps(25).optLabeledBatch(6).optMu(2)
                .optLambda(10).optRampup(0.2).optLearningRate(0.05);
        SemiSupervisedTrainer.Result r = trainer(s).fit(labeled, unlabeled);
        assertEquals(25, r.history().steps().size());
        SemiStep first = r.history().steps().get(0);
        SemiStep last = r.history().steps().get(24);
        assertTrue(last.supervised() < first.supervised(), "supervised loss should fall: " + first.supervised()
                + " -> " + last.supervised());
        assertTrue(first.consistency() >= 0 && Double.isNaN(r.history().steps().get(1).consistency()));
        assertTrue(Double.isNaN(first.maskShare()), "MixMatch has no mask");
        assertEquals(1, r.model().graph().getNumOutputArrays(), "the training-only output is removed");
        assertEquals(1, r.averaged().graph().getNumOutputArrays());
        assertEquals(r.model().graph().params(), trainer(s).fit(labeled, unlabeled).model().graph().params(),
                "same seed, same weights");
    }

    @Test
    void bothMethodsTrainAndRecordEveryStep() {
        LabeledImages all = TestData.blobs(120, 1, 16, 3);
        LabeledImages labeled = all.head(12);
        List<Image> unlabeled = all.images().subList(12, 120);
        for (String method : List.of("uda", "fixmatch")) {
            SemiSupervisedSettings s = SemiSupervisedSettings.forMethod(method).optSteps(25).optLabeledBatch(6).optMu(3)
                    .optConfidence(0.5).optTsa(TsaSchedule.LINEAR).optLearningRate(0.05);
            SemiSupervisedTrainer.Result r = trainer(s).fit(labeled, unlabeled);
            assertEquals(25, r.history().steps().size(), method);
            SemiStep first = r.history().steps().get(0);
            SemiStep last = r.history().steps().get(24);
            assertTrue(!Double.isNaN(first.consistency()) && Double.isNaN(r.history().steps().get(1).consistency()));
            assertTrue(last.supervised() < first.supervised(), method + " supervised loss should fall: "
                    + first.supervised() + " -> " + last.supervised());
            assertTrue(last.tsaThreshold() > first.tsaThreshold());
            assertTrue(r.history().toCsv().lines().count() == 26);
        }
    }

    @Test
    void emptyUnlabeledSetOrMismatchedShapesAreErrors() {
        LabeledImages labeled = TestData.blobs(12, 1, 16, 3);
        SemiSupervisedSettings s = SemiSupervisedSettings.uda().optSteps(1);
        SelfSupException empty = assertThrows(SelfSupException.class, () -> trainer(s).fit(labeled, List.of()));
        assertEquals(ErrorCode.EMPTY_DATA, empty.code());
        List<Image> other = new ArrayList<>(TestData.blobs(12, 3, 16, 3).images());
        SelfSupException shapes = assertThrows(SelfSupException.class, () -> trainer(s).fit(labeled, other));
        assertTrue(shapes.getMessage().contains("1x16x16") && shapes.getMessage().contains("3x16x16"), shapes.getMessage());
    }

    @Test
    void supervisedMethodTrainsOnTheLabelsAloneAndIgnoresUnlabeledImages() {
        LabeledImages all = TestData.blobs(120, 1, 16, 3);
        LabeledImages labeled = all.head(12);
        SemiSupervisedSettings s = SemiSupervisedSettings.supervised().optSteps(25).optLabeledBatch(6).optLearningRate(0.05);
        assertEquals(0, s.unlabeledBatch());
        SemiSupervisedTrainer.Result alone = trainer(s).fit(labeled, List.of());
        SemiStep first = alone.history().steps().get(0);
        SemiStep last = alone.history().steps().get(24);
        assertTrue(last.supervised() < first.supervised(), first.supervised() + " -> " + last.supervised());
        assertTrue(Double.isNaN(last.maskShare()) && Double.isNaN(first.consistency()), "no unlabeled term");
        SemiSupervisedTrainer.Result withUnlabeled = trainer(s).fit(labeled, all.images().subList(12, 120));
        assertEquals(alone.model().graph().params(), withUnlabeled.model().graph().params(),
                "unlabeled images must not change a labels-only run");
    }

    @Test
    void aPretrainedStartKeepsTheBackboneAndReplacesTheHead() {
        LabeledImages labeled = TestData.blobs(12, 1, 16, 3);
        ComputationGraph pretext = Networks.pretext(CATALOG.backbone("reference-cnn", ComponentConfig.parse("width=8")),
                CATALOG.pretextTask("rotation", ComponentConfig.empty()), CATALOG.loss("cross-entropy", ComponentConfig.empty()),
                labeled.shape(), TrainingSettings.defaults().optSeed(99));
        TrainedModel pretrained = TrainedModel.pretext(pretext, labeled.shape(), "rotation");
        SemiSupervisedSettings s = SemiSupervisedSettings.supervised().optSteps(0);
        AugmentPipeline weak = AugmentPipeline.parse("horizontal-flip", CATALOG);
        SemiSupervisedTrainer.Result r = SemiSupervisedTrainer.builder(
                        CATALOG.backbone("reference-cnn", ComponentConfig.empty()),
                        CATALOG.loss("cross-entropy", ComponentConfig.empty()), s, weak, weak, weak)
                .optPretrained(pretrained).build().fit(labeled, List.of());
        ComputationGraph g = r.model().graph();
        assertEquals(pretext.getLayer("backbone_2_conv").params(), g.getLayer("backbone_2_conv").params());
        assertEquals(3, Networks.outputs(g));
        SelfSupException shape = assertThrows(SelfSupException.class, () -> SemiSupervisedTrainer.builder(
                        CATALOG.backbone("reference-cnn", ComponentConfig.empty()),
                        CATALOG.loss("cross-entropy", ComponentConfig.empty()), s, weak, weak, weak)
                .optPretrained(pretrained).build().fit(TestData.blobs(12, 3, 16, 3), List.of()));
        assertTrue(shape.getMessage().contains("1-channel") && shape.getMessage().contains("3 channels"), shape.getMessage());
    }

    /**
     * The averaged weights' batch-norm statistics are re-estimated on about bnImages images in batches composed as
     * training composed them (B labeled + μ·B strong views; labels only: B labeled): with it on, the saved average
     * differs from the plain average in exactly the batch-norm means and log10 standard deviations.
     */
    @Test
    void averagedWeightsGetTheirBatchNormStatisticsReestimated() {
        LabeledImages all = TestData.blobs(60, 1, 16, 3);
        LabeledImages labeled = all.head(12);
        List<Image> unlabeled = all.images().subList(12, 60);
        SemiSupervisedSettings s = SemiSupervisedSettings.fixMatch().optSteps(6).optLabeledBatch(4).optMu(2).optEmaDecay(0.9);
        SemiSupervisedTrainer.Result plain = trainer(s.optBnImages(0)).fit(labeled, unlabeled);
        SemiSupervisedTrainer.Result reestimated = trainer(s.optBnImages(40)).fit(labeled, unlabeled);
        assertEquals(0, plain.bnImages());
        assertEquals(48, reestimated.bnImages(), "whole batches of 4 labeled + 8 unlabeled: 4 of them for 40 images");
        assertEquals(plain.model().graph().params(), reestimated.model().graph().params(), "raw weights are untouched");
        ComputationGraph a = plain.averaged().graph();
        ComputationGraph b = reestimated.averaged().graph();
        for (String name : a.paramTable().keySet()) {
            boolean statistic = name.endsWith("_mean") || name.endsWith("_log10stdev");
            assertEquals(!statistic, a.paramTable().get(name).equals(b.paramTable().get(name)), name);
        }
        assertEquals(20, trainer(SemiSupervisedSettings.supervised().optSteps(3).optLabeledBatch(4).optBnImages(20))
                .fit(labeled, unlabeled).bnImages(), "labels only: 5 batches of 4 labeled images");
    }

    /** A semi-supervised run that crashed resumes from its checkpoint to the same weights, average and history. */
    @Test
    void aCrashedRunResumesToTheSameWeightsAndAverage(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        LabeledImages all = TestData.blobs(60, 1, 16, 3);
        LabeledImages labeled = all.head(12);
        List<Image> unlabeled = all.images().subList(12, 60);
        SemiSupervisedSettings s = SemiSupervisedSettings.fixMatch().optSteps(12).optLabeledBatch(4).optMu(2)
                .optEmaDecay(0.9).optBnImages(0);
        SemiSupervisedTrainer.Result whole = trainer(s).fit(labeled, unlabeled);
        SemiSupervisedTrainer.Result resumed = crashAfterStep10AndResume(dir, s, labeled, unlabeled);
        assertEquals(whole.model().graph().params(), resumed.model().graph().params());
        assertEquals(whole.averaged().graph().params(), resumed.averaged().graph().params());
        assertEquals(whole.history().steps().size(), resumed.history().steps().size());
        assertEquals(whole.history().steps().get(11).objective(), resumed.history().steps().get(11).objective());
    }

    /**
     * MixMatch with distribution alignment: the alignment changes the weights (so it acts), and a run that crashed
     * resumes with the alignment's window from its checkpoint to the weights of an uninterrupted run.
     */
    @Test
    void distributionAlignmentActsAndItsWindowSurvivesAResume(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        LabeledImages all = TestData.blobs(60, 1, 16, 3);
        LabeledImages labeled = all.head(12);
        List<Image> unlabeled = all.images().subList(12, 60);
        SemiSupervisedSettings plain = SemiSupervisedSettings.mixMatch().optSteps(12).optLabeledBatch(4).optMu(2)
                .optLambda(10).optRampup(0).optEmaDecay(0.9).optBnImages(0).optDistributionAlignment(false);
        SemiSupervisedSettings s = plain.optDistributionAlignment(true);
        SemiSupervisedTrainer.Result whole = trainer(s).fit(labeled, unlabeled);
        assertTrue(!whole.model().graph().params().equals(trainer(plain).fit(labeled, unlabeled).model().graph().params()),
                "alignment changed nothing");
        SemiSupervisedTrainer.Result resumed = crashAfterStep10AndResume(dir, s, labeled, unlabeled);
        assertEquals(whole.model().graph().params(), resumed.model().graph().params());
        assertEquals(whole.averaged().graph().params(), resumed.averaged().graph().params());
    }

    @Test
    void distributionAlignmentIsRefusedForTheLabelsOnlyMethod() {
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> SemiSupervisedSettings.supervised().optDistributionAlignment(true));
        assertTrue(e.getMessage().contains("distribution alignment"), e.getMessage());
    }
}
