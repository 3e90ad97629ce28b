package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real DICOM files (pydicom's test files from Debian's python3-pydicom, which CI installs; most without a file
 * ending) through the CLI: a CT-vs-MR folder fine-tunes, the model remembers the window it was trained with, and
 * evaluation reads new files with that window unless told otherwise.
 */
class MedicalCliTest extends CliHarness {
    static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    @TempDir
    Path dir;

    @Test
    void aDicomFolderTrainsAndTheModelKeepsItsWindow() throws IOException {
        assertTrue(Files.isDirectory(PYDICOM_FILES), "apt-get install -y python3-pydicom (.ci/run does)");
        Path data = dir.resolve("data");
        copy("dicomdirtests/77654033/CT2", data.resolve("ct"));
        copy("dicomdirtests/98892001/CT5N", data.resolve("ct"));
        copy("dicomdirtests/98892003/MR700", data.resolve("mr"));
        Files.copy(PYDICOM_FILES.resolve("MR_small_jp2klossless.dcm"), data.resolve("mr/j2k.dcm"));

        Path model = dir.resolve("model");
        assertEquals(3, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--steps", "3",
                "--batch", "4", "--window", "brain", "--out", model.toString()));
        assertTrue(err.contains("j2k.dcm") && err.contains("JPEG 2000"), err);
        assertEquals(0, run("finetune", "--backbone", "reference-cnn", "--train", data.toString(), "--steps", "3",
                "--batch", "4", "--window", "brain", "--skip-bad", "--out", model.toString()), err);
        assertTrue(Files.readString(model.resolve("run.json")).contains("\"intensity_window\": \"brain\""));

        Path evaluation = dir.resolve("evaluation");
        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", data.toString(), "--skip-bad",
                "--out", evaluation.toString()), err);
        String json = Files.readString(evaluation.resolve("run.json"));
        assertTrue(json.contains("\"intensity_window\": \"brain\"") && json.contains("\"examples\": 16"), json);

        assertEquals(0, run("evaluate", "--model", model.toString(), "--data", data.toString(), "--skip-bad",
                "--window", "40,400", "--out", dir.resolve("other").toString()), err);
        assertTrue(err.contains("trained on images read with --window brain"), err);
    }

    /** semisup and pretrain read DICOM (labeled) and a NIfTI volume (unlabeled) together, resized to one shape. */
    @Test
    void semisupAndPretrainReadDicomAndNifti() throws IOException {
        Path labeled = dir.resolve("labeled");
        copy("dicomdirtests/77654033/CT2", labeled.resolve("ct"));
        copy("dicomdirtests/98892003/MR700", labeled.resolve("mr"));
        Path unlabeled = Files.createDirectories(dir.resolve("unlabeled"));
        Files.copy(Path.of("/usr/share/mricron/templates/ch2.nii.gz"), unlabeled.resolve("ch2.nii.gz"));
        assertEquals(0, run("semisup", "--method", "uda", "--labeled", labeled.toString(), "--unlabeled",
                unlabeled.toString(), "--slice-range", "10%", "--resize", "32x32", "--steps", "2", "--labeled-batch", "2",
                "--mu", "2", "--bn-images", "0", "--out", dir.resolve("uda").toString()), err);
        assertTrue(Files.readString(dir.resolve("uda/run.json")).contains("\"volume_slices\": \"axial 10%\""));
        assertEquals(0, run("pretrain", "--data", unlabeled.toString(), "--slice-range", "10%", "--resize", "32x32",
                "--steps", "2", "--batch", "4", "--out", dir.resolve("pre").toString()), err);
    }

    private static void copy(String from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(PYDICOM_FILES.resolve(from))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
