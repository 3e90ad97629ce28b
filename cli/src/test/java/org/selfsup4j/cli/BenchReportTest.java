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
        assertArrayEquals(new double[] {0.75, 0.74, 3.0, Double.NaN}, BenchReportCommand.result(run), 1e-12);

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
        assertTrue(table.contains("| uda | 100 | 75.00 % ± 7.07 | 50.00 % | 85.00 % ± 7.07 | 10.0 | 2 |"), table);
    }
}
