package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.train.Checkpoints;
import org.selfsup4j.trainer.train.FineTuner;
import org.selfsup4j.trainer.train.Pretrainer;
import org.selfsup4j.trainer.train.StepListener;
import org.selfsup4j.trainer.train.StopSignal;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainingSettings;

/**
 * A run that crashed or was stopped continues from its newest checkpoint and ends with the weights, updater state
 * and loss history an uninterrupted run has, bit for bit; a diverging run stops at the first non-finite step.
 */
class CheckpointResumeTest {
    static final Catalog CATALOG = Catalog.discover();
    static final LabeledImages DATA = TestData.blobs(48, 1, 16, 3);
    static final TrainingSettings SETTINGS = TrainingSettings.defaults().optSteps(40).optBatchSize(8).optSeed(3);

    @TempDir
    Path dir;

    static FineTuner tuner(Checkpoints checkpoints, StepListener listener, StopSignal stop, TrainingSettings settings) {
        return FineTuner.builder(CATALOG.loss("cross-entropy", ComponentConfig.empty())).optSettings(settings)
                .optCheckpoints(checkpoints).optListener(listener).optStopSignal(stop).build();
    }

    static TrainResult train(Checkpoints checkpoints, StepListener listener, StopSignal stop) {
        return tuner(checkpoints, listener, stop, SETTINGS)
                .fitFromScratch(CATALOG.backbone("reference-cnn", ComponentConfig.parse("width=4")), DATA);
    }

    @Test
    void aCrashedRunResumesToTheUninterruptedWeights() throws IOException {
        TrainResult whole = train(Checkpoints.none(), StepListener.none(), new StopSignal());
        Checkpoints checkpoints = new Checkpoints(dir, 10, Duration.ofHours(1));
        RuntimeException crash = assertThrows(RuntimeException.class, () -> train(checkpoints, (step, total, loss, t) -> {
            if (step == 25) {
                throw new IllegalStateException("simulated crash at step 25");
            }
        }, new StopSignal()));
        assertTrue(crash.getMessage().contains("step 25"), crash.getMessage());
        assertEquals(List.of("step-00000010.zip", "step-00000020.zip"), checkpointFiles(), "the last two are kept");

        TrainResult resumed = train(new Checkpoints(dir, 10, Duration.ofHours(1)), StepListener.none(), new StopSignal());
        assertEquals(whole.model().graph().params(), resumed.model().graph().params(), "weights bit-identical");
        assertEquals(whole.model().graph().getUpdater().getStateViewArray(),
                resumed.model().graph().getUpdater().getStateViewArray(), "Adam state bit-identical");
        assertEquals(whole.history().losses(), resumed.history().losses());
        assertEquals(List.of("step-00000020.zip", "step-00000030.zip"), checkpointFiles());
    }

    @Test
    void aStoppedPretrainingLeavesACheckpointAtItsStepAndContinuesFromIt() throws IOException {
        TrainingSettings s = TrainingSettings.defaults().optSteps(24).optBatchSize(4).optSeed(5);
        var task = CATALOG.pretextTask("jigsaw", ComponentConfig.parse("grid=2,hidden=8"));
        var backbone = CATALOG.backbone("pooled-cnn", ComponentConfig.parse("width=4"));
        var loss = CATALOG.loss("cross-entropy", ComponentConfig.empty());
        TrainResult whole = Pretrainer.builder(backbone, task, loss).optSettings(s).build().fit(DATA.images());
        StopSignal stop = new StopSignal();
        TrainResult part = Pretrainer.builder(backbone, task, loss).optSettings(s).optStopSignal(stop)
                .optCheckpoints(new Checkpoints(dir, 0, Duration.ofHours(1)))
                .optListener((step, total, l, t) -> {
                    if (step == 9) {
                        stop.request();
                    }
                }).build().fit(DATA.images());
        assertEquals(9, part.history().steps());
        assertEquals(List.of("step-00000009.zip"), checkpointFiles());
        TrainResult rest = Pretrainer.builder(backbone, task, loss).optSettings(s)
                .optCheckpoints(new Checkpoints(dir, 0, Duration.ofHours(1))).build().fit(DATA.images());
        assertEquals(24, rest.history().steps());
        assertEquals(whole.model().graph().params(), rest.model().graph().params());
    }

    @Test
    void aDivergingRunStopsAtTheFirstNonFiniteStepNamingItAndTheLearningRate() {
        TrainingSettings wild = TrainingSettings.defaults().optSteps(40).optBatchSize(8).optOptimizer("sgd")
                .optLearningRate(1e6);
        SelfSupException e = assertThrows(SelfSupException.class, () -> tuner(Checkpoints.none(), StepListener.none(),
                new StopSignal(), wild).fitFromScratch(CATALOG.backbone("reference-cnn", ComponentConfig.empty()), DATA));
        assertEquals(ErrorCode.TRAINING_DIVERGED, e.code());
        assertTrue(e.getMessage().matches("Training diverged at step \\d+: .*1000000.0.*"), e.getMessage());
        assertThrows(SelfSupException.class, () -> SETTINGS.optSteps(0));
    }

    private List<String> checkpointFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve(Checkpoints.FOLDER))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".zip")).sorted().toList();
        }
    }
}
