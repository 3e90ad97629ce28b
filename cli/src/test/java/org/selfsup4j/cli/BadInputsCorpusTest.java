package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-inputs corpus (written by the committed {@code src/test/scripts/MakeBadInputs.java}, run here as a real
 * child {@code java} process) through {@code selfsup pretrain}: each bad file is named with exit code 3 and no run
 * folder, {@code --skip-bad} skips and counts it, and what is merely unusual (a 1-bit PNG, names with spaces and
 * non-ASCII letters) trains.
 */
class BadInputsCorpusTest extends CliHarness {
    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void writeCorpus() throws IOException, InterruptedException {
        corpus = dir.resolve("bad-inputs");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Path.of("src/test/scripts/MakeBadInputs.java").toString(), corpus.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the corpus script finishes");
        assertEquals(0, p.exitValue(), output);
    }

    private int pretrain(String name, String... extra) {
        String[] base = {"pretrain", "--data", corpus.resolve(name).toString(), "--steps", "2", "--batch", "4",
                "--out", dir.resolve("out-" + name + extra.length).toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return run(args);
    }

    /** A bad file fails the run naming it and the reason, before any run folder exists; --skip-bad skips one. */
    private void refusedThenSkipped(String name, String file, String reason) {
        assertEquals(3, pretrain(name), err);
        assertTrue(err.contains(file) && err.contains(reason), err);
        assertFalse(Files.exists(dir.resolve("out-" + name + "0")), "no run folder for a run that never started");
        assertEquals(0, pretrain(name, "--skip-bad"), err);
        assertTrue(err.contains("skipped 1"), err);
    }

    @Test
    void aJpegCutMidScanIsUnreadable() {
        refusedThenSkipped("truncated-jpeg", "cut.jpg", "Truncated");
    }

    @Test
    void aCmykJpegIsRefusedNotReadAsRgb() {
        refusedThenSkipped("cmyk-jpeg", "cmyk.jpg", "CMYK");
    }

    @Test
    void aZeroByteFileIsNotAnImage() {
        refusedThenSkipped("zero-byte", "empty.png", "Not an image");
    }

    @Test
    void textNamedPngIsNotAnImage() {
        refusedThenSkipped("text-as-image", "notes.png", "Not an image");
    }

    @Test
    void aDanglingLinkIsNamedNotDropped() {
        refusedThenSkipped("dangling-link", "gone.png", "Dangling symbolic link");
    }

    @Test
    void aSymbolicLinkLoopIsNamedNotFollowedForever() {
        assertEquals(3, pretrain("symlink-loop"), err);
        assertTrue(err.contains("Symbolic link loop") && err.contains("loop"), err);
    }

    @Test
    void aOneBitPngAmongGrayImagesTrains() throws IOException {
        assertEquals(0, pretrain("one-bit-png"), err);
        String json = Files.readString(dir.resolve("out-one-bit-png0").resolve("run.json"));
        assertTrue(json.contains("\"images\": 13"), json);
    }

    @Test
    void namesWithSpacesAndNonAsciiLettersTrainAndKeepTheirClassNames() throws IOException {
        Path out = dir.resolve("odd-finetune");
        assertEquals(0, run("finetune", "--backbone", "reference-cnn", "--train", corpus.resolve("odd-names").toString(),
                "--steps", "2", "--batch", "4", "--out", out.toString()), err);
        String json = Files.readString(out.resolve("run.json"));
        assertTrue(json.contains("class with spaces") && json.contains("klasse-äöü-日本"), json);
    }
}
