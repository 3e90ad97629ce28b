package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages that name the bad value, and the run folders left behind. */
class CliTest extends CliHarness {
    @TempDir
    Path dir;

    /** classes/{a,b}/NN.png: 16×16 gray, class a bright at the top, class b at the bottom. */
    static Path labeledFolder(Path root, int perClass) throws IOException {
        Random r = new Random(4);
        for (String c : new String[] {"a", "b"}) {
            Files.createDirectories(root.resolve(c));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 16; y++) {
                    for (int x = 0; x < 16; x++) {
                        boolean bright = c.equals("a") ? y < 6 : y > 9;
                        img.getRaster().setSample(x, y, 0, bright ? 200 + r.nextInt(55) : r.nextInt(40));
                    }
                }
                ImageIO.write(img, "png", root.resolve(c).resolve(String.format("%02d.png", i)).toFile());
            }
        }
        return root;
    }

    @BeforeEach
    void quiet() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @Test
    void versionAndHelp() {
        assertEquals(0, run("--version"));
        assertTrue(out.contains("selfsup4j"), out);
        assertEquals(0, run("pretrain", "--help"));
        assertTrue(out.contains("--task"), out);
    }

    @Test
    void aBatchTooLargeForMemoryIsRefusedBeforeTheRunNamingOneThatFits() throws IOException {
        Path xrays = Files.createDirectories(dir.resolve("xrays"));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(512, 512, BufferedImage.TYPE_USHORT_GRAY), "png",
                    xrays.resolve("x" + i + ".png").toFile());
        }
        Path out = dir.resolve("too-big");
        // the default: 32 images x 4 rotations of 512x512 on the default backbone, about 200 GB by DL4J's estimate
        assertEquals(2, run("pretrain", "--data", xrays.toString(), "--steps", "1", "--out", out.toString()));
        assertTrue(err.contains("A pretraining step of 32 images (128 network inputs of 1x512x512)")
                && err.contains("more than this process may use") && err.contains("--resize"), err);
        assertFalse(Files.exists(out), "no run folder for a run that cannot start");
    }

    @Test
    void pixelAndContrastiveTasksRefuseBadInputBeforeAnyRun() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        assertEquals(3, run("pretrain", "--task", "colorization", "--data", data.toString(), "--out", dir.resolve("c").toString()));
        assertTrue(err.contains("colorization needs colour images") && err.contains("restoration"), err);
        assertEquals(2, run("pretrain", "--task", "simclr", "--batch", "1", "--data", data.toString(), "--out",
                dir.resolve("s").toString()));
        assertTrue(err.contains("at least 2 images per batch"), err);
        assertEquals(2, run("pretrain", "--task", "simclr", "--task-config", "views=[random-resized-crop,blurr]", "--data",
                data.toString(), "--out", dir.resolve("v").toString()));
        assertTrue(err.contains("Unknown augmenter [blurr]"), err);
        assertEquals(3, run("pretrain", "--task", "inpainting", "--resize", "4x4", "--data", data.toString(), "--out",
                dir.resolve("i").toString()));
        assertTrue(err.contains("inpainting's decoder") && err.contains("at least"), err);
        assertEquals(2, run("pretrain", "--task", "inpainting", "--task-config", "mask=triangle", "--data", data.toString(),
                "--out", dir.resolve("m").toString()));
        assertEquals(2, run("semisup", "--method", "supervised", "--feature-consistency", "1", "--labeled", data.toString(),
                "--out", dir.resolve("f").toString()));
        for (String out : new String[] {"c", "s", "v", "i", "m", "f"}) {
            assertTrue(Files.notExists(dir.resolve(out)), out + ": nothing is written before the inputs are checked");
        }
    }

    @Test
    void unknownTaskListsTheKnownOnesAndExits2() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        assertEquals(2, run("pretrain", "--task", "rotatoin", "--data", data.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("Unknown pretext task [rotatoin], known: [colorization, corruption, inpainting, jigsaw, "
                + "relative-position, restoration, rotation, simclr]"), err);
        assertTrue(Files.notExists(dir.resolve("o")), "nothing is written before the inputs are checked");
    }

    @Test
    void unknownBackboneAndSettingAndOption() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        assertEquals(2, run("pretrain", "--backbone", "resnet", "--data", data.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("known: [pooled-cnn, reference-cnn, resnet-small]"), err);
        assertEquals(2, run("pretrain", "--task-config", "all-rotation=false", "--data", data.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("Unknown setting [all-rotation]") && err.contains("all-rotations"), err);
        assertEquals(2, run("pretrain", "--stpes", "3", "--data", data.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("--stpes"), err);
    }

    @Test
    void missingAndEmptyDataExit3NamingThePath() throws IOException {
        assertEquals(3, run("pretrain", "--data", dir.resolve("nowhere").toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("nowhere"), err);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(3, run("pretrain", "--data", empty.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("No files in") && err.contains("empty"), err);
    }

    @Test
    void truncatedImageIsNamedAndSkipBadSkipsIt() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 3);
        Path good = data.resolve("a/00.png");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(data.resolve("a/99.png"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        assertEquals(3, run("pretrain", "--data", data.toString(), "--steps", "2", "--out", dir.resolve("o1").toString()));
        assertTrue(err.contains("99.png"), err);
        assertEquals(0, run("pretrain", "--data", data.toString(), "--steps", "2", "--batch", "4", "--skip-bad",
                "--out", dir.resolve("o2").toString()));
        assertTrue(err.contains("skipped 1"), err);
        String json = Files.readString(dir.resolve("o2").resolve("run.json"));
        assertTrue(json.contains("\"skipped_bad_files\"") && json.contains("99.png"), json);
    }

    @Test
    void moreLabelsPerClassThanAClassHoldsNamesTheClass() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 3);
        assertEquals(3, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--labels-per-class", "5",
                "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("Class [a] has 3 examples"), err);
    }

    @Test
    void pretrainFinetuneEvaluateLeaveCompleteRunFoldersAndNeverOverwriteOne() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 12);
        Path pre = dir.resolve("pre");
        assertEquals(0, run("pretrain", "--data", data.toString(), "--steps", "20", "--batch", "8", "--out", pre.toString()), err);
        for (String f : new String[] {"model.zip", "run.json", "pretrain-metrics.csv", "pretrain-curve.png"}) {
            assertTrue(Files.isRegularFile(pre.resolve(f)), f);
        }
        String runJson = Files.readString(pre.resolve("run.json"));
        assertTrue(runJson.contains("\"status\": \"completed\"") && runJson.contains("\"fingerprint\": \"sha256:"), runJson);
        assertEquals(21, Files.readAllLines(pre.resolve("pretrain-metrics.csv")).size());

        Path model = dir.resolve("model");
        assertEquals(0, run("finetune", "--from", pre.toString(), "--train", data.toString(), "--labels-per-class", "6",
                "--steps", "40", "--batch", "12", "--lr", "0.003", "--augment", "horizontal-flip(p=0.5)", "--out", model.toString()), err);
        assertEquals(2 + 12, Files.readAllLines(model.resolve("split.csv")).size());

        Path eval = dir.resolve("eval");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", data.toString(), "--out", eval.toString()), err);
        assertTrue(Files.isRegularFile(eval.resolve("evaluate-confusion.png")));
        String metrics = Files.readString(eval.resolve("evaluate-metrics.json"));
        assertTrue(metrics.contains("\"accuracy\""), metrics);
        double accuracy = Double.parseDouble(out.replaceAll("(?s).*accuracy ([0-9.]+).*", "$1"));
        assertTrue(accuracy > 0.75, "top-vs-bottom brightness is easy: " + out);

        // a second run into the same folder is refused and leaves the first intact
        assertEquals(2, run("pretrain", "--data", data.toString(), "--steps", "1", "--out", pre.toString()));
        assertTrue(err.contains("already holds a run"), err);
        assertEquals(runJson, Files.readString(pre.resolve("run.json")));
    }

    /** Each new task pretrains from the CLI; every protocol scores the result with the same evaluation files. */
    @Test
    void patchTasksPretrainAndEveryProtocolWritesTheEvaluationFiles() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 12);
        for (String task : new String[] {"jigsaw", "relative-position", "corruption"}) {
            Path pre = dir.resolve("pre-" + task);
            String settings = task.equals("jigsaw") ? "grid=2" : "";
            assertEquals(0, run("pretrain", "--task", task, "--task-config", settings, "--backbone-config", "width=8",
                    "--data", data.toString(), "--resize", "20x20", "--steps", "6", "--batch", "8", "--out", pre.toString()), err);
            assertTrue(out.contains("pretext accuracy"), out);
            String runJson = Files.readString(pre.resolve("run.json"));
            assertTrue(runJson.contains("\"task_details\"") && runJson.contains("\"pretext_accuracy\""), runJson);
        }
        assertTrue(Files.readString(dir.resolve("pre-jigsaw").resolve("run.json")).contains("\"permutation_mean_hamming\""));
        Path pre = dir.resolve("pre-jigsaw");
        for (String protocol : new String[] {"full", "linear", "knn"}) {
            Path o = dir.resolve("probe-" + protocol);
            assertEquals(0, run("finetune", "--from", pre.toString(), "--protocol", protocol, "--train", data.toString(),
                    "--labels-per-class", "6", "--test", data.toString(), "--steps", "4", "--k", "5", "--out", o.toString()), err);
            assertTrue(out.contains("test accuracy"), out);
            assertTrue(Files.isRegularFile(o.resolve("test-confusion.png")), protocol);
            assertTrue(Files.readString(o.resolve("test-metrics.json")).contains("\"macro_f1\""), protocol);
            assertTrue(Files.readString(o.resolve("run.json")).contains("\"protocol\": \"" + protocol + "\""), protocol);
        }
        // evaluate refuses a pretext head, naming the commands to use instead, and writes nothing
        assertEquals(4, run("evaluate", "--model", pre.toString(), "--data", data.toString(), "--out", dir.resolve("ev").toString()));
        assertTrue(err.contains("pretext network") && err.contains("--protocol knn"), err);
        assertFalse(Files.exists(dir.resolve("ev")));
    }

    /** compare runs every part as an ordinary run, tabulates them, skips finished parts and redoes unfinished ones. */
    @Test
    void compareTabulatesAndResumes() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 10);
        Path cmp = dir.resolve("cmp");
        String[] args = {"compare", "--tasks", "rotation,corruption(corruptions=[jpeg;pixelate])", "--protocols", "knn,full",
            "--seeds", "1,2", "--labeled", data.toString(), "--unlabeled", data.toString(), "--test", data.toString(),
            "--labels-per-class", "4,2", "--pretrain-steps", "3", "--finetune-steps", "3", "--k", "3",
            "--backbone-config", "width=4", "--out", cmp.toString()};
        assertEquals(0, run(args), err);
        String table = Files.readString(cmp.resolve("compare.md"));
        assertTrue(table.contains("| random init (no pretraining) |") && table.contains("| rotation |")
                && table.contains("| corruption_corruptions-"), table);
        assertEquals(1 + 3 * 2 * 2 * 2, Files.readAllLines(cmp.resolve("compare.csv")).size());
        assertTrue(table.contains("4 labeled images per class:") && table.contains("2 labeled images per class:"), table);
        assertTrue(Files.isRegularFile(cmp.resolve("compare.png")));
        assertTrue(Files.readString(cmp.resolve("rotation-full-l4-s2").resolve("run.json")).contains("\"from\""));

        // a part left unfinished is set aside and run again; the finished ones are skipped
        Path part = cmp.resolve("rotation-knn-l4-s1").resolve("run.json");
        Files.writeString(part, Files.readString(part).replace("\"status\": \"completed\"", "\"status\": \"running\""));
        assertEquals(0, run(args), err);
        assertTrue(err.contains("rotation-full-l4-s1: done before, skipped"), err);
        assertTrue(Files.isDirectory(cmp.resolve("rotation-knn-l4-s1.incomplete-1")));
        assertTrue(CompareTable.completed(cmp.resolve("rotation-knn-l4-s1")));
        assertEquals(table, Files.readString(cmp.resolve("compare.md")), "same runs, same table");

        // an interrupted part continues in place from its own command line
        Path knn2 = cmp.resolve("rotation-knn-l4-s2").resolve("run.json");
        Files.writeString(knn2, Files.readString(knn2).replace("\"status\": \"completed\"", "\"status\": \"interrupted\""));
        assertEquals(0, run(args), err);
        assertTrue(err.contains("rotation-knn-l4-s2: continuing it from its checkpoint"), err);
        assertTrue(Files.readString(knn2).contains("\"resumed_from\": \"interrupted\""));
        assertFalse(Files.exists(cmp.resolve("rotation-knn-l4-s2.incomplete-1")));

        // an unknown task is named before anything runs
        assertEquals(2, run("compare", "--tasks", "rotation,jigsw", "--data", "fashion-mnist", "--labels-per-class", "1",
                "--out", dir.resolve("cmp2").toString()));
        assertTrue(err.contains("[jigsw]") && err.contains("relative-position"), err);
        assertFalse(Files.exists(dir.resolve("cmp2")));
        assertEquals(2, run("compare", "--protocols", "knn,probe", "--data", "fashion-mnist", "--labels-per-class", "1",
                "--out", dir.resolve("cmp2").toString()));
        assertFalse(Files.exists(dir.resolve("cmp2")));
    }

    @Test
    void pretextPreviewDrawsEveryTask() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 3);
        for (String task : new String[] {"rotation", "jigsaw", "relative-position", "corruption"}) {
            Path png = dir.resolve(task + ".png");
            assertEquals(0, run("pretext-preview", "--task", task, "--data", data.toString(), "--resize", "24x24",
                    "--rows", "2", "--out", png.toString()), err);
            java.awt.image.BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(img.getWidth() > 112 * 2 && img.getHeight() >= 2 * 112, task + " " + img.getWidth() + "x" + img.getHeight());
        }
    }

    @Test
    void badPatchTaskInputFailsBeforeAnyRunFolderIsWritten() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        assertEquals(3, run("pretrain", "--task", "jigsaw", "--data", data.toString(), "--resize", "12x12",
                "--out", dir.resolve("j").toString()));
        assertTrue(err.contains("at least 15x15") && err.contains("1x12x12"), err);
        assertFalse(Files.exists(dir.resolve("j")));
        assertEquals(3, run("pretrain", "--task", "relative-position", "--data", data.toString(), "--resize", "12x12",
                "--out", dir.resolve("r").toString()));
        assertTrue(err.contains("18x18") && err.contains("1x12x12"), err);
        assertEquals(2, run("pretrain", "--task", "corruption", "--task-config", "corruptions=[jpeg,fog]", "--data",
                data.toString(), "--out", dir.resolve("c").toString()));
        assertTrue(err.contains("fog") && err.contains("pixelate"), err);
        assertEquals(2, run("pretrain", "--task", "corruption", "--task-config", "corruptions=[jpeg", "--data",
                data.toString(), "--out", dir.resolve("c").toString()));
        assertTrue(err.contains("not closed"), err);
        assertEquals(2, run("finetune", "--backbone", "reference-cnn", "--protocol", "probe", "--train", data.toString(),
                "--out", dir.resolve("f").toString()));
        assertTrue(err.contains("[full, linear, knn]"), err);
        assertEquals(2, run("finetune", "--backbone", "reference-cnn", "--protocol", "knn", "--train", data.toString(),
                "--out", dir.resolve("f").toString()));
        assertTrue(err.contains("--test"), err);
        for (String f : new String[] {"c", "f"}) {
            assertFalse(Files.exists(dir.resolve(f)), f);
        }
    }

    @Test
    void evaluatingWithDataOfAnotherShapeNamesBothShapes() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        Path pre = dir.resolve("pre");
        assertEquals(0, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--steps", "2", "--out", pre.toString()), err);
        assertEquals(3, run("evaluate", "--model", pre.toString(), "--data", data.toString(), "--resize", "20x20",
                "--out", dir.resolve("e").toString()));
        assertTrue(err.contains("1x16x16") && err.contains("1x20x20"), err);
        assertEquals(3, run("evaluate", "--model", pre.toString(), "--data", data.toString(), "--channels", "rgb",
                "--out", dir.resolve("e2").toString()));
        assertTrue(err.contains("3x16x16"), err);
    }

    @Test
    void pluginsListsEveryBuiltInWithItsJar() {
        assertEquals(0, run("plugins"));
        for (String name : new String[] {"rotation", "jigsaw", "relative-position", "corruption", "reference-cnn",
                "resnet-small", "cross-entropy", "mse", "pad-crop"}) {
            assertTrue(out.contains(name), out);
        }
        assertEquals(3, run("--plugins", dir.resolve("none").toString(), "plugins"));
    }

    @Test
    void badAugmentationTokenIsNamedWithItsPositionAndTheKnownNames() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        assertEquals(2, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(),
                "--augment", "horizontal-flip,randaugment-uda(n=2),flp", "--out", dir.resolve("o").toString()));
        assertTrue(err.contains("step 3 [flp]") && err.contains("Unknown augmenter [flp], known: [") && err.contains("randaugment-uda"), err);
        assertEquals(2, run("augment-preview", "--data", data.toString(), "--augment", "rotate(degrees=400)",
                "--out", dir.resolve("p.png").toString()));
        assertTrue(err.contains("expected a number in [0, 180]"), err);
    }

    @Test
    void augmentPreviewDrawsOriginalsBesideVersions() throws IOException {
        Path data = labeledFolder(dir.resolve("data"), 4);
        Path png = dir.resolve("grid.png");
        assertEquals(0, run("augment-preview", "--data", data.toString(), "--augment", "randaugment-uda",
                "--rows", "3", "--versions", "4", "--scale", "2", "--out", png.toString()), err);
        BufferedImage grid = ImageIO.read(png.toFile());
        // 5 columns and 3 rows of 32-pixel cells (16 px x scale 2) with 2-pixel gaps
        assertEquals(2 + 5 * (32 + 2), grid.getWidth());
        assertEquals(2 + 3 * (32 + 2), grid.getHeight());
    }

    @Test
    void semisupRunsAndLeavesItsCurvesAndRefusesMismatchedOrEmptyUnlabeledData() throws IOException {
        Path labeled = labeledFolder(dir.resolve("labeled"), 6);
        Path unlabeled = labeledFolder(dir.resolve("unlabeled"), 10);
        Path run = dir.resolve("uda");
        assertEquals(0, run("semisup", "--method", "uda", "--labeled", labeled.toString(), "--unlabeled", unlabeled.toString(),
                "--test", labeled.toString(), "--steps", "12", "--labeled-batch", "4", "--mu", "2", "--tsa", "linear",
                "--bn-images", "50", "--out", run.toString()), err);
        List<String> csv = Files.readAllLines(run.resolve("semisup-metrics.csv"));
        assertEquals(13, csv.size());
        assertTrue(csv.get(0).startsWith("step,objective,supervised,consistency,mask_share,tsa_threshold"), csv.get(0));
        assertTrue(Files.isRegularFile(run.resolve("semisup-curves.png")) && Files.isRegularFile(run.resolve("test-confusion.png")));
        assertTrue(out.contains("test accuracy") && out.contains("batch norm re-estimated on 60 images"), out);
        String json = Files.readString(run.resolve("run.json"));
        assertTrue(json.contains("\"bn_reestimation_images\": 50") && json.contains("\"bn_reestimated_on_images\": 60"), json);

        Path small = Files.createDirectories(dir.resolve("small"));
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY);
        ImageIO.write(img, "png", small.resolve("a.png").toFile());
        assertEquals(3, run("semisup", "--method", "fixmatch", "--labeled", labeled.toString(), "--unlabeled", small.toString(),
                "--steps", "2", "--out", dir.resolve("x").toString()));
        assertTrue(err.contains("1x16x16") && err.contains("1x20x20"), err);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(3, run("semisup", "--method", "fixmatch", "--labeled", labeled.toString(), "--unlabeled", empty.toString(),
                "--out", dir.resolve("y").toString()));
        assertTrue(err.contains("No files in"), err);
        assertEquals(2, run("semisup", "--method", "remixmatch", "--labeled", labeled.toString(), "--unlabeled", unlabeled.toString(),
                "--out", dir.resolve("z").toString()));
        assertTrue(err.contains("known: [fixmatch, mixmatch, supervised, uda]"), err);
    }

    @Test
    void semisupMixMatchRunsWithItsOwnSettingsAndRefusesOthersSettings() throws IOException {
        Path labeled = labeledFolder(dir.resolve("labeled"), 6);
        Path unlabeled = labeledFolder(dir.resolve("unlabeled"), 10);
        Path run = dir.resolve("mixmatch");
        assertEquals(0, run("semisup", "--method", "mixmatch", "--labeled", labeled.toString(), "--unlabeled",
                unlabeled.toString(), "--test", labeled.toString(), "--steps", "6", "--labeled-batch", "4", "--mu", "2",
                "--mixup-alpha", "0.5", "--rampup", "0.5", "--bn-images", "20", "--out", run.toString()), err);
        assertTrue(err.contains("augmentation: labeled and both unlabeled views [pad-crop(fraction=0.125)]"), err);
        String json = Files.readString(run.resolve("run.json"));
        assertTrue(json.contains("\"mixup_alpha\": 0.5") && json.contains("\"rampup_share\": 0.5")
                && json.contains("\"strong_augment\": null")
                && json.contains("\"distribution_alignment\": \"window 128 batches, labeled marginal\""), json);
        assertTrue(out.contains("mixmatch, ") && out.contains("test accuracy"), out);
        assertEquals(7, Files.readAllLines(run.resolve("semisup-metrics.csv")).size());

        assertEquals(2, run("semisup", "--method", "mixmatch", "--strong-augment", "randaugment-uda", "--labeled",
                labeled.toString(), "--unlabeled", unlabeled.toString(), "--out", dir.resolve("a").toString()));
        assertTrue(err.contains("--strong-augment is not used by --method mixmatch"), err);
        assertEquals(2, run("semisup", "--method", "supervised", "--distribution-alignment", "--labeled",
                labeled.toString(), "--out", dir.resolve("c").toString()));
        assertTrue(err.contains("distribution alignment for supervised"), err);
        assertEquals(0, run("semisup", "--method", "mixmatch", "--no-distribution-alignment", "--labeled",
                labeled.toString(), "--unlabeled", unlabeled.toString(), "--steps", "2", "--labeled-batch", "4", "--mu",
                "2", "--bn-images", "0", "--out", dir.resolve("d").toString()), err);
        assertTrue(Files.readString(dir.resolve("d").resolve("run.json")).contains("\"distribution_alignment\": \"off\""));
        assertEquals(2, run("semisup", "--method", "uda", "--mixup-alpha", "0.5", "--labeled", labeled.toString(),
                "--unlabeled", unlabeled.toString(), "--out", dir.resolve("b").toString()));
        assertTrue(err.contains("--mixup-alpha is a MixMatch setting"), err);
        assertEquals(2, run("semisup", "--method", "mixmatch", "--feature-consistency", "1", "--labeled", labeled.toString(),
                "--unlabeled", unlabeled.toString(), "--out", dir.resolve("c").toString()));
        assertTrue(err.contains("for --method uda or fixmatch (not mixmatch)"), err);
        for (String out : new String[] {"a", "b", "c"}) {
            assertTrue(Files.notExists(dir.resolve(out)), out + ": nothing is written for a refused run");
        }
    }

    @Test
    void semisupSupervisedIsTheLabelsOnlyBaselineAndCanStartFromAPretrainRun() throws IOException {
        Path labeled = labeledFolder(dir.resolve("labeled"), 6);
        Path pretrain = dir.resolve("pretrain");
        assertEquals(0, run("pretrain", "--task", "rotation", "--data", labeled.toString(), "--steps", "2", "--batch", "4",
                "--out", pretrain.toString()), err);
        Path run = dir.resolve("supervised");
        assertEquals(0, run("semisup", "--method", "supervised", "--from", pretrain.toString(), "--labeled", labeled.toString(),
                "--test", labeled.toString(), "--steps", "5", "--labeled-batch", "4", "--out", run.toString()), err);
        String json = Files.readString(run.resolve("run.json"));
        assertTrue(json.contains("\"method\": \"supervised\"") && json.contains("\"unlabeled\": 0")
                && json.contains("\"from\": \"" + pretrain + "\"") && !json.contains("\"mu\""), json);
        assertTrue(out.contains("test accuracy"), out);
    }

    @Test
    void semisupHoldsOutAValidationSetAndChoosesTheHeadlineOnIt() throws IOException {
        Path labeled = labeledFolder(dir.resolve("labeled"), 6);
        Path run = dir.resolve("val");
        assertEquals(0, run("semisup", "--method", "supervised", "--labeled", labeled.toString(), "--val-per-class", "2",
                "--backbone", "pooled-cnn", "--backbone-config", "width=8,depth=2", "--test", labeled.toString(),
                "--steps", "5", "--labeled-batch", "4", "--bn-images", "20", "--out", run.toString()), err);
        List<String> split = Files.readAllLines(run.resolve("split.csv"));
        assertEquals("# per_class=all val_per_class=2 seed=1", split.get(0));
        assertEquals(2 + 12, split.size());
        assertEquals(4, split.stream().filter(l -> l.endsWith(",validation")).count());
        String json = Files.readString(run.resolve("run.json"));
        assertTrue(json.contains("\"labeled\": 8") && json.contains("\"validation_images\": 4")
                && json.contains("\"rule\": \"the higher accuracy on 4 held-out labeled images")
                && json.contains("\"depth\": \"2\"") && json.contains("\"validation-raw\": {"), json);
        assertTrue(Files.isRegularFile(run.resolve("validation-ema-metrics.json")), "both candidates' validation scores are kept");
        assertTrue(out.contains("weights, chosen on 4 validation images: EMA "), out);

        assertEquals(3, run("semisup", "--method", "supervised", "--labeled", labeled.toString(), "--val-per-class", "6",
                "--steps", "2", "--out", dir.resolve("a").toString()));
        assertTrue(err.contains("has 6 labeled examples") && err.contains("at most 5 per class"), err);
        assertEquals(2, run("semisup", "--method", "supervised", "--labeled", labeled.toString(), "--val-per-class", "0",
                "--steps", "2", "--out", dir.resolve("b").toString()));
        assertTrue(err.contains("Bad --val-per-class [0]"), err);
        assertEquals(2, run("semisup", "--method", "supervised", "--labeled", labeled.toString(), "--backbone-config",
                "widht=8", "--steps", "2", "--out", dir.resolve("c").toString()));
        assertTrue(err.contains("widht") && err.contains("width"), err);
        for (String out : new String[] {"a", "b", "c"}) {
            assertTrue(Files.notExists(dir.resolve(out)), out + ": nothing is written for a refused run");
        }
    }

    @Test
    void recalibrateBnSavesALoadableModelAndRecordsWhatItSet() throws IOException {
        Path labeled = labeledFolder(dir.resolve("labeled"), 6);
        Path trained = dir.resolve("trained");
        assertEquals(0, run("semisup", "--method", "supervised", "--labeled", labeled.toString(), "--steps", "3",
                "--backbone", "reference-cnn", "--labeled-batch", "4", "--bn-images", "0", "--out", trained.toString()), err);
        assertTrue(Files.readString(trained.resolve("run.json")).contains("\"bn_reestimated_on_images\": 0"));
        Path again = dir.resolve("again");
        assertEquals(0, run("recalibrate-bn", "--model", trained.toString(), "--data", labeled.toString(), "--images", "10",
                "--test", labeled.toString(), "--out", again.toString()), err);
        assertTrue(out.contains("batch norm of 3 layers re-estimated on 10 images: test accuracy"), out);
        assertEquals(0, run("recalibrate-bn", "--model", trained.toString(), "--data", labeled.toString(), "--images", "30",
                "--augment", "horizontal-flip", "--out", dir.resolve("augmented").toString()), err);
        assertTrue(out.contains("re-estimated on 30 images"), "12 images, augmented views repeated up to 30: " + out);
        String json = Files.readString(again.resolve("run.json"));
        assertTrue(json.contains("\"command\": \"recalibrate-bn\"") && json.contains("\"layer\": \"backbone_1_bn\"")
                && json.contains("\"status\": \"completed\""), json);
        assertEquals(0, run("evaluate", "--model", again.toString(), "--data", labeled.toString(), "--out",
                dir.resolve("eval").toString()), err);
        assertEquals(2, run("recalibrate-bn", "--model", trained.toString(), "--data", labeled.toString(), "--images", "0",
                "--out", dir.resolve("bad").toString()));
        assertTrue(err.contains("--images [0]"), err);
    }
}
