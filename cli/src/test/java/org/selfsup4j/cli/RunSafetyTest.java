package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.RunStatus;
import org.selfsup4j.trainer.train.TrainedModel;

/**
 * Runs are never lost and never report untrustworthy numbers: a run killed with SIGKILL reads as crashed and resumes
 * to the weights of an uninterrupted run; a diverging run fails at once; a model with NaN weights does not load;
 * zero steps are refused.
 */
class RunSafetyTest {
    @TempDir
    Path dir;

    String out;
    String err;

    int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    static List<String> pretrainArgs(Path data, Path runDir) {
        return List.of("pretrain", "--data", data.toString(), "--steps", "1500", "--batch", "8", "--backbone-config",
                "width=4", "--checkpoint-every", "15", "--seed", "2", "--out", runDir.toString());
    }

    /** A real child JVM is killed with SIGKILL mid-run; the run reads as crashed and resumes to identical weights. */
    @Test
    void aKilledRunResumesInPlaceToTheWeightsOfAnUninterruptedOne() throws Exception {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 8);
        Path killed = dir.resolve("killed");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(pretrainArgs(data, killed));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (newestCheckpoint(killed) < 30 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the child finished or died before it could be killed: "
                + Files.readString(dir.resolve("child.log")));
        child.destroyForcibly();                      // SIGKILL: no shutdown hook runs
        child.waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.readString(killed.resolve("run.json")).contains("\"status\": \"running\""));
        assertFalse(Files.exists(killed.resolve("model.zip")));
        assertEquals("crashed", RunStatus.read(killed).state());
        assertEquals(0, run("runs", dir.toString()), err);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("crashed") && l.contains("pretrain") && l.endsWith("killed")), out);

        assertEquals(0, run("pretrain", "--resume", killed.toString()), err);
        String json = Files.readString(killed.resolve("run.json"));
        assertTrue(json.contains("\"status\": \"completed\"") && json.contains("\"resumed_from\": \"crashed\""), json);
        assertEquals(1501, Files.readAllLines(killed.resolve("pretrain-metrics.csv")).size(), "the whole loss history");

        Path whole = dir.resolve("whole");
        assertEquals(0, run(pretrainArgs(data, whole).toArray(String[]::new)), err);
        TrainedModel a = ModelStore.load(whole);
        TrainedModel b = ModelStore.load(killed);
        assertEquals(a.graph().params(), b.graph().params(), "resumed weights are bit-identical");
        assertEquals(Files.readString(whole.resolve("pretrain-metrics.csv")),
                Files.readString(killed.resolve("pretrain-metrics.csv")));

        // a completed run has nothing to resume, and a resumed run keeps its own settings
        assertEquals(2, run("pretrain", "--resume", killed.toString()));
        assertTrue(err.contains("nothing to resume"), err);
        assertEquals(2, run("pretrain", "--resume", killed.toString(), "--steps", "10"));
        assertTrue(err.contains("alone"), err);
    }

    @Test
    void aDivergingRunFailsAtOnceAndSavesNoModel() throws IOException {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 6);
        Path r = dir.resolve("nan");
        assertEquals(7, run("pretrain", "--data", data.toString(), "--optimizer", "sgd", "--lr", "1e6", "--steps", "200",
                "--batch", "8", "--out", r.toString()));
        assertTrue(err.contains("Training diverged at step") && err.contains("--lr"), err);
        String json = Files.readString(r.resolve("run.json"));
        assertTrue(json.contains("\"status\": \"failed: Training diverged at step"), json);
        assertFalse(Files.exists(r.resolve("model.zip")));

        assertEquals(2, run("pretrain", "--data", data.toString(), "--steps", "0", "--out", dir.resolve("zero").toString()));
        assertTrue(err.contains("positive"), err);
        assertFalse(Files.exists(dir.resolve("zero")));
    }

    @Test
    void aModelWithNonFiniteWeightsDoesNotLoad() throws IOException {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 4);
        Path m = dir.resolve("m");
        assertEquals(0, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--steps", "2",
                "--out", m.toString()), err);
        TrainedModel model = ModelStore.load(m);
        model.graph().params().putScalar(7, Float.NaN);
        ModelStore.save(model, dir.resolve("broken.zip"));
        assertEquals(4, run("evaluate", "--model", dir.resolve("broken.zip").toString(), "--data", data.toString(),
                "--out", dir.resolve("e").toString()));
        assertTrue(err.contains("1 of") && err.contains("NaN or infinite"), err);
        assertFalse(Files.exists(dir.resolve("e")));
    }

    private static int newestCheckpoint(Path run) throws IOException {
        Path folder = run.resolve("checkpoints");
        if (!Files.isDirectory(folder)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("step-\\d{8}\\.zip"))
                    .mapToInt(n -> Integer.parseInt(n.substring(5, 13))).max().orElse(-1);
        }
    }
}
