package org.selfsup4j.trainer.semisup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.trainer.TestData;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.plugin.Catalog;

class SemiSupervisedTrainerTest {
    static final Catalog CATALOG = Catalog.discover();

    static SemiSupervisedTrainer trainer(SemiSupervisedSettings s) {
        AugmentPipeline weak = AugmentPipeline.parse("horizontal-flip", CATALOG);
        return SemiSupervisedTrainer.builder(CATALOG.backbone("reference-cnn", ComponentConfig.parse("width=8")),
                CATALOG.loss("cross-entropy", ComponentConfig.empty()), s, weak,
                s.method().equals("uda") ? AugmentPipeline.identity() : weak,
                AugmentPipeline.parse("randaugment-fixmatch", CATALOG)).build();
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
}
