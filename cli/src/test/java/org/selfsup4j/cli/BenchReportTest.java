package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The label-efficiency report reads the test score and training minutes of a run folder, and only of complete ones. */
class BenchReportTest {
    @TempDir
    Path dir;

    static void json(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsTheTestSectionAndAddsTheTrainingSecondsOfAllRuns() throws IOException {
        Path run = dir.resolve("rotation-100-s1");
        json(run.resolve("pretrain/run.json"), "{\n  \"status\": \"completed\",\n  \"pretrain\": {\n    \"seconds\": 120.0\n  }\n}\n");
        json(run.resolve("finetune/run.json"), "{\n  \"status\": \"completed\",\n  \"finetune\": {\n    \"seconds\": 60.0\n  }\n}\n");
        json(run.resolve("eval/run.json"), "{\n  \"status\": \"completed\",\n  \"evaluate\": {\n    \"accuracy\": 0.75,\n"
                + "    \"balanced_accuracy\": 0.74\n  }\n}\n");
        BenchReportCommand.RunResult r = BenchReportCommand.result(run);
        assertArrayEquals(new double[] {Double.NaN, 0.75, 0.74, Double.NaN, 3.0},
                new double[] {r.bn(), r.ema(), r.emaBalanced(), r.raw(), r.minutes()}, 1e-12);
        assertEquals(0.75, r.headline());

        json(run.resolve("finetune/run.json"), "{\n  \"status\": \"interrupted\"\n}\n");
        assertNull(BenchReportCommand.result(run), "a run that did not complete does not count");
    }

    @Test
    void tableGroupsSeedsAndOnlyCountsMarkedRuns() throws Exception {
        for (int seed = 1; seed <= 2; seed++) {
            Path run = dir.resolve("uda-100-s" + seed);
            json(run.resolve("run.json"), "{\n  \"status\": \"completed\",\n  \"semisup\": {\n    \"seconds\": 600.0\n  },\n"
                    + "  \"test-raw\": {\n    \"accuracy\": " + (0.7 + 0.1 * seed) + ",\n    \"balanced_accuracy\": 0.6\n  },\n"
                    + "  \"test\": {\n    \"accuracy\": " + (0.6 + 0.1 * seed) + ",\n    \"balanced_accuracy\": 0.5\n  }\n}\n");
            Files.createFile(run.resolve(".complete"));
        }
        json(dir.resolve("uda-100-s3/run.json"), "{\n  \"status\": \"completed\",\n  \"test\": {\n    \"accuracy\": 0.1\n  }\n}\n");
        Path md = dir.resolve("report.md");
        Path png = dir.resolve("plot.png");
        assertEquals(0, Main.execute("bench", "report", "--runs", dir.toString(), "--out", md.toString(), "--plot", png.toString()));
        assertTrue(javax.imageio.ImageIO.read(png.toFile()).getWidth() > 0, "the plot is a readable PNG");
        String table = Files.readString(md);
        // EMA: mean of 0.7 and 0.8, sample std 0.0707; raw: 0.8 and 0.9; the unmarked seed 3 is left out
        assertTrue(table.contains("| uda | 100 | 75.00 % ± 7.07 | 50.00 % | – | 75.00 % ± 7.07 | 85.00 % ± 7.07 | 10.0 | 2 |"), table);
    }

    /**
     * Batch-norm re-estimated scores, from a recalibrate-bn run inside the folder (whose time is not training time)
     * or from a semisup run that re-estimated itself, become the headline once every run of the row has one.
     */
    @Test
    void reestimatedScoresBecomeTheHeadlineWhenEveryRunHasOne() throws Exception {
        Path old = dir.resolve("fixmatch-100-s1");
        json(old.resolve("run.json"), "{\n  \"status\": \"completed\",\n  \"config\": {\n    \"semisup\": {\n      \"ema_decay\": 0.999\n    }\n  },\n"
                + "  \"semisup\": {\n    \"seconds\": 300.0\n  },\n"
                + "  \"test-raw\": {\n    \"accuracy\": 0.7,\n    \"balanced_accuracy\": 0.7\n  },\n"
                + "  \"test\": {\n    \"accuracy\": 0.6,\n    \"balanced_accuracy\": 0.6\n  }\n}\n");
        json(old.resolve("bn-reestimated/run.json"), "{\n  \"command\": \"recalibrate-bn\",\n  \"status\": \"completed\",\n"
                + "  \"bn_reestimation\": {\n    \"seconds\": 99.0\n  },\n"
                + "  \"test\": {\n    \"accuracy\": 0.72,\n    \"balanced_accuracy\": 0.71\n  }\n}\n");
        Path fresh = dir.resolve("fixmatch-100-s2");
        json(fresh.resolve("run.json"), "{\n  \"status\": \"completed\",\n  \"config\": {\n    \"semisup\": {\n      \"bn_reestimation_images\": 4096\n    }\n  },\n"
                + "  \"semisup\": {\n    \"seconds\": 300.0\n  },\n"
                + "  \"test-raw\": {\n    \"accuracy\": 0.7,\n    \"balanced_accuracy\": 0.7\n  },\n"
                + "  \"test\": {\n    \"accuracy\": 0.74,\n    \"balanced_accuracy\": 0.73\n  }\n}\n");
        BenchReportCommand.RunResult a = BenchReportCommand.result(old);
        assertArrayEquals(new double[] {0.72, 0.71, 0.6, 0.7, 5.0}, new double[] {a.bn(), a.bnBalanced(), a.ema(), a.raw(), a.minutes()}, 1e-12);
        BenchReportCommand.RunResult b = BenchReportCommand.result(fresh);
        assertTrue(Double.isNaN(b.ema()) && b.bn() == 0.74 && b.headlineBalanced() == 0.73);
        for (Path run : new Path[] {old, fresh}) {
            Files.createFile(run.resolve(".complete"));
        }
        Path md = dir.resolve("report.md");
        assertEquals(0, Main.execute("bench", "report", "--runs", dir.toString(), "--out", md.toString()));
        String table = Files.readString(md);
        // headline and BN column: 0.72 and 0.74; EMA as averaged only from the old run (one value: no spread shown);
        // raw: two runs of 0.7, a measured spread of 0
        assertTrue(table.contains("| fixmatch | 100 | 73.00 % ± 1.41 | 72.00 % | 73.00 % ± 1.41 | 60.00 % (1 run) | 70.00 % ± 0.00 | 5.0 | 2 |"), table);
    }

    @Test
    void aSpreadIsShownOnlyWhereTwoOrMoreRunsMeasuredIt() {
        assertEquals("–", BenchReportCommand.meanStd(java.util.List.of()));
        assertEquals("71.64 % (1 run)", BenchReportCommand.meanStd(java.util.List.of(0.7164)));
        // mean 0.705, sample std sqrt(((0.005)^2 * 2) / 1) = 0.00707
        assertEquals("70.50 % ± 0.71", BenchReportCommand.meanStd(java.util.List.of(0.70, 0.71)));
    }
}
