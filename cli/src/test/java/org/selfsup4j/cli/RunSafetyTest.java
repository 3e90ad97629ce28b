package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
class RunSafetyTest extends CliHarness {
    @TempDir
    Path dir;

    static List<String> pretrainArgs(Path data, Path runDir) {
        return List.of("pretrain", "--data", data.toString(), "--steps", "1500", "--batch", "8", "--backbone-config",
                "width=4", "--checkpoint-every", "15", "--seed", "2", "--out", runDir.toString());
    }

    /** A real child JVM is killed with SIGKILL mid-run; the run reads as crashed and resumes to identical weights. */
    @Test
    void aKilledRunResumesInPlaceToTheWeightsOfAnUninterruptedOne() throws Exception {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 8);
        Path killed = dir.resolve("killed");
        Process child = childPastCheckpoint(pretrainArgs(data, killed), killed, 30);
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
        assertEquals(2, run("pretrain", "--steps", "10", "--resume", killed.toString()));
        assertTrue(err.contains("alone"), err);
    }

    /** SIGTERM (kill) stops after the current step, saves, marks the run interrupted, exits 143; --resume finishes it. */
    @Test
    void aTerminatedRunIsMarkedInterruptedAndResumes() throws Exception {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 8);
        Path stopped = dir.resolve("stopped");
        Process child = childPastCheckpoint(pretrainArgs(data, stopped), stopped, 15);
        child.destroy();                              // SIGTERM: the shutdown hook stops training after this step
        assertTrue(child.waitFor(90, TimeUnit.SECONDS));
        assertEquals(143, child.exitValue(), Files.readString(dir.resolve("child.log")));
        String json = Files.readString(stopped.resolve("run.json"));
        assertTrue(json.contains("\"status\": \"interrupted\""), json);
        assertTrue(Files.exists(stopped.resolve("model.zip")));
        assertEquals("interrupted", RunStatus.read(stopped).state());
        assertEquals(0, run("pretrain", "--resume", stopped.toString()), err);
        assertEquals(1501, Files.readAllLines(stopped.resolve("pretrain-metrics.csv")).size());
    }

    /** A child JVM running {@code args}, returned (still running) once {@code run} has a checkpoint at {@code step} or later. */
    private Process childPastCheckpoint(List<String> args, Path run, int step) throws Exception {
        Process child = child(args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (newestCheckpoint(run) < step && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(child.isAlive(), "the child finished or died before it could be stopped: "
                + Files.readString(dir.resolve("child.log")));
        return child;
    }

    private Process child(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
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

    /** --out never damages a folder: a non-empty one is refused, one inside the data too; files follow the umask. */
    @Test
    void outputFoldersAreNeverDamagedAndBadSizesAreRefused() throws IOException {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 4);
        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve("model.zip"), "someone else's model");
        assertEquals(2, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--steps", "2",
                "--out", used.toString()));
        assertTrue(err.contains("not empty"), err);
        assertEquals("someone else's model", Files.readString(used.resolve("model.zip")));

        assertEquals(2, run("pretrain", "--data", data.toString(), "--steps", "2", "--out", data.resolve("a").resolve("run").toString()));
        assertTrue(err.contains("inside the input folder"), err);
        assertFalse(Files.exists(data.resolve("a").resolve("run")));

        assertEquals(2, run("pretrain", "--data", data.toString(), "--limit", "0", "--out", dir.resolve("l").toString()));
        assertTrue(err.contains("--limit [0]"), err);
        assertEquals(2, run("pretrain", "--data", data.toString(), "--resize", "0x0", "--out", dir.resolve("r").toString()));
        assertTrue(err.contains("--resize [0x0]"), err);
        assertEquals(2, run("pretrain", "--data", data.toString(), "--resize", "100000x100000", "--out", dir.resolve("r").toString()));

        Path ok = dir.resolve("ok");
        assertEquals(0, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--steps", "2",
                "--out", ok.toString()), err);
        assertEquals(Files.getPosixFilePermissions(ok.resolve("model.zip")),
                Files.getPosixFilePermissions(ok.resolve("run.json")), "run.json follows the umask as model.zip does");
        assertEquals(Files.getPosixFilePermissions(ok.resolve("model.zip")),
                Files.getPosixFilePermissions(ok.resolve("finetune-metrics.csv")));
    }
}
