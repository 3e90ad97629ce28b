package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.selfsup4j.backbones.ReferenceCnnFactory;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.losses.CrossEntropyLossFactory;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.LabeledBatches;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.TrainingSettings;

/** The oneDNN fast path is on by default, really creates helpers, and trains to the same numbers as DL4J's default path. */
class FastPathTest {
    @AfterEach
    void restoreDefault() {
        System.clearProperty(FastPath.FAST_PATH_PROPERTY);
        FastPath.enable();
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
        LabeledBatches producer = new LabeledBatches(TestData.blobs(256, 1, 28, 10), AugmentPipeline.identity(), 64, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batches.add(producer.batch(i));
        }

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
        assertTrue(FastPath.describe().matches(".* omp_threads=[1-9][0-9]* malloc=[a-z]+"), FastPath.describe());
    }
}
