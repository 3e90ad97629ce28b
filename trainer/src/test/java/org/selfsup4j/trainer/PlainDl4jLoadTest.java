package org.selfsup4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.train.FineTuner;
import org.selfsup4j.trainer.train.Pretrainer;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainedModel;
import org.selfsup4j.trainer.train.TrainingSettings;

/**
 * Models trained on the fast path (oneDNN helpers, selfsup4j's batch-norm helper, the convolution cache) and saved by
 * {@link ModelStore} load in a separate JVM whose class path holds DL4J and ND4J but no selfsup4j class, and predict
 * what selfsup4j predicted: the pretext model (rotation head) and the classifier fine-tuned from it, on the default
 * backbone (convolutions, batch norm, ReLU, max pooling). The plain program is {@code plain-dl4j/PlainLoad.java}.
 */
class PlainDl4jLoadTest {
    private static final double TOLERANCE = 1e-4;   // DL4J's default path against oneDNN's: float rounding only

    static LabeledImages train;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        train = InstalledFashionMnist.head(FashionMnist.Part.TRAIN, 600);
    }

    @Test
    void pretextModelAndClassifierLoadInPlainDl4jAndPredictTheSame() throws Exception {
        assertTrue(FastPath.isChosen(), "the fast path is what this test is about");
        Catalog catalog = Catalog.discover();
        TrainResult pre = Pretrainer.builder(catalog.backbone("pooled-cnn", ComponentConfig.empty()),
                        catalog.pretextTask("rotation", ComponentConfig.empty()),
                        catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optSettings(TrainingSettings.defaults().optSteps(12).optBatchSize(16).optSeed(3))
                .build().fit(train.images());
        LabeledImages labeled = LabelSplit.perClass(train, 5, 3).apply(train);
        TrainResult tuned = FineTuner.builder(catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optSettings(TrainingSettings.defaults().optSteps(12).optBatchSize(25).optSeed(3))
                .build().fit(pre.model(), labeled);

        INDArray inputs = Batches.features(train.images().subList(100, 116));
        for (TrainedModel model : List.of(pre.model(), tuned.model())) {
            String name = model == pre.model() ? "pretext" : "classifier";
            Path zip = dir.resolve(name + ".zip");
            ModelStore.save(model, zip);
            INDArray expected = model.graph().outputSingle(false, inputs);
            String out = runPlain(zip, inputs, expected, name);
            double diff = Double.parseDouble(out.substring(out.lastIndexOf("max_abs_diff=") + 13).trim());
            System.out.println(name + ": " + out.strip());
            assertTrue(diff < TOLERANCE, name + ": plain DL4J predicted up to " + diff + " away\n" + out);
        }
    }

    /** Runs PlainLoad in a fresh JVM on a class path without selfsup4j's classes; returns its output. */
    private String runPlain(Path zip, INDArray inputs, INDArray expected, String name) throws Exception {
        File in = dir.resolve(name + "-inputs.bin").toFile();
        File exp = dir.resolve(name + "-expected.bin").toFile();
        Nd4j.saveBinary(inputs, in);
        Nd4j.saveBinary(expected, exp);
        Path project = Path.of("").toAbsolutePath().getParent();
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !Path.of(e).toAbsolutePath().startsWith(project))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("selfsup4j-"))
                .collect(Collectors.toList());
        assertFalse(entries.isEmpty());
        Path program = Path.of(PlainDl4jLoadTest.class.getResource("/plain-dl4j/PlainLoad.java").toURI());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, entries), program.toString(),
                zip.toString(), in.toString(), exp.toString()).redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + ": plain JVM did not finish");
        assertEquals(0, p.exitValue(), name + ": plain DL4J failed\n" + out);
        assertTrue(out.contains("max_abs_diff="), out);
        assertTrue(Files.size(zip) > 0);
        return out;
    }
}
