package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code selfsup data-info} on pictures with a bad file, on real DICOM files and on a real MRI volume. */
class DataInfoTest extends CliHarness {
    @TempDir
    Path dir;

    @Test
    void picturesAreCountedPerClassAndTheBadFileIsNamed() throws IOException {
        Path data = CliTest.labeledFolder(dir.resolve("data"), 4);
        Files.writeString(data.resolve("a/notes.png"), "not an image");
        Path sheet = dir.resolve("sheet.png");
        assertEquals(0, run("data-info", data.toString(), "--out", sheet.toString(), "--sample", "5"), err);
        assertTrue(out.contains("labeled, 8 readable files, 8 images, 1 unreadable"), out);
        assertTrue(out.contains("notes.png") && out.contains("Not an image"), out);
        assertTrue(out.matches("(?s).*PNG +8.*"), out);
        BufferedImage png = ImageIO.read(sheet.toFile());
        assertEquals(2 + 5 * (128 + 2), png.getWidth(), "5 cells of 128 px with 2-px gaps");
    }

    @Test
    void dicomFilesShowModalityEncodingAndHounsfieldRange() throws IOException {
        Path data = Files.createDirectories(dir.resolve("ct"));
        Files.copy(MedicalCliTest.PYDICOM_FILES.resolve("CT_small.dcm"), data.resolve("CT_small.dcm"));
        Files.copy(MedicalCliTest.PYDICOM_FILES.resolve("MR_small_RLE.dcm"), data.resolve("IM0002"));
        assertEquals(0, run("data-info", data.toString()), err);
        assertTrue(out.contains("unlabeled, 2 readable files"), out);
        assertTrue(out.contains("DICOM CT: 16-bit signed MONOCHROME2, Explicit VR Little Endian"), out);
        assertTrue(out.contains("DICOM MR: 16-bit signed MONOCHROME2, RLE Lossless"), out);
        // pydicom's apply_modality_lut over both files gives -896.0 to 2145
        assertTrue(out.contains("Hounsfield units for CT): -896.000 to 2145.00"), out);
    }

    @Test
    void aNiftiVolumeGivesItsSlices() throws IOException {
        Path data = Files.createDirectories(dir.resolve("mri"));
        Files.copy(Path.of("/usr/share/mricron/templates/ch2.nii.gz"), data.resolve("ch2.nii.gz"));
        assertEquals(0, run("data-info", data.toString(), "--slices", "coronal", "--slice-range", "10%"), err);
        assertTrue(out.contains("1 readable files, 22 images"), out);   // 10 % of 217 coronal slices
        assertTrue(out.contains("NIfTI: uint8, RAS"), out);
    }

    /** PNG, DICOM and NIfTI in one folder: data-info lists each; training reads them all and says they are mixed. */
    @Test
    void aMixedFolderIsDescribedAndTrainingWarns() throws IOException {
        Path data = Files.createDirectories(dir.resolve("mixed"));
        CliTest.labeledFolder(dir.resolve("pictures"), 1);
        Files.copy(dir.resolve("pictures/a/00.png"), data.resolve("photo.png"));
        Files.copy(MedicalCliTest.PYDICOM_FILES.resolve("CT_small.dcm"), data.resolve("IM0001"));
        Files.copy(Path.of("/usr/share/mricron/templates/ch2.nii.gz"), data.resolve("brain.nii.gz"));
        assertEquals(0, run("data-info", data.toString(), "--slice-range", "2%"), err);
        assertTrue(out.contains("unlabeled, 3 readable files, 6 images"), out);   // 1 + 1 + 4 of 181 slices
        assertTrue(out.matches("(?s).*DICOM CT +1.*") && out.matches("(?s).*NIfTI +1.*") && out.matches("(?s).*PNG +1.*"), out);
        assertEquals(0, run("pretrain", "--data", data.toString(), "--slice-range", "2%", "--resize", "32x32",
                "--steps", "2", "--batch", "4", "--out", dir.resolve("run").toString()), err);
        assertTrue(err.contains("mixes kinds of files") && err.contains("DICOM CT 16-bit=1")
                && err.contains("NIfTI 8-bit=1"), err);
    }
}
