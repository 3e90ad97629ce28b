package org.selfsup4j.core.data.medical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.ImageDecoder;
import org.selfsup4j.core.data.ImageFolderReader;
import org.selfsup4j.core.data.ImageReadOptions;
import org.selfsup4j.core.image.Image;

/** Stored values, rescale, windows, MONOCHROME1, frames and refusals, on DICOM files written value by value. */
class DicomReaderTest {
    @TempDir
    Path dir;

    /** 12 of 16 bits, signed: the high nibble is not data (here garbage) and bit 11 is the sign. */
    @Test
    void storedValuesAreTheLowBitsStoredSignExtended() throws IOException {
        Path f = dir.resolve("ct");
        new TinyDicom().gray(1, 4, 12, true, "MONOCHROME2").text(0x00281052, "DS", "-1024").text(0x00281053, "DS", "2")
                .pixels16(0x0005, 0xF7FF, 0x0800, 0xAFFF).write(f, DicomReader.EXPLICIT_LE);
        DicomFile d = DicomReader.read(f);
        assertArrayEquals(new double[] {5, 2047, -2048, -1}, d.frames().get(0));
        assertArrayEquals(new double[] {5 * 2 - 1024, 2047 * 2 - 1024, -2048 * 2 - 1024, -2 - 1024}, d.modalityValues(0));
    }

    /**
     * DICOM's linear VOI function, by hand: c 40, w 80 gives low = c - 0.5 - (w - 1) / 2 = 0 and high = 79; x <= 0 is
     * 0, x > 79 is 1, and between it is (x - (c - 0.5)) / (w - 1) + 0.5 = x / 79.
     */
    @Test
    void aFixedWindowIsDicomsLinearFunction() throws IOException {
        Path f = dir.resolve("brain");
        new TinyDicom().gray(1, 6, 16, true, "MONOCHROME2").pixels16(-1, 0, 1, 39, 79, 80).write(f, DicomReader.EXPLICIT_LE);
        DicomFile d = DicomReader.read(f);
        assertArrayEquals(new float[] {0f, 0f, 1f / 79, 39f / 79, 1f, 1f},
                IntensityWindow.parse("brain").apply(d.modalityValues(0), d), 1e-7f);
    }

    /** auto uses the file's own window; without one it clips at the 0.5/99.5 percentiles. */
    @Test
    void autoUsesTheFilesWindowElseThePercentileClip() throws IOException {
        Path withWindow = dir.resolve("w");
        new TinyDicom().gray(1, 3, 16, false, "MONOCHROME2").text(0x00281050, "DS", "100\\50")
                .text(0x00281051, "DS", "201\\10").pixels16(0, 100, 200).write(withWindow, DicomReader.EXPLICIT_LE);
        DicomFile w = DicomReader.read(withWindow);
        // the first values count: c 100, w 201 -> (x + 0.5) / 200
        assertArrayEquals(new float[] {0.5f / 200, 100.5f / 200, 1f}, IntensityWindow.auto().apply(
                w.modalityValues(0), w), 1e-6f);
        int[] ramp = new int[200];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = i;
        }
        ramp[199] = 60000;   // one outlier
        Path noWindow = dir.resolve("nw");
        new TinyDicom().gray(10, 20, 16, false, "MONOCHROME2").pixels16(ramp).write(noWindow, DicomReader.EXPLICIT_LE);
        DicomFile n = DicomReader.read(noWindow);
        float[] v = IntensityWindow.auto().apply(n.modalityValues(0), n);
        // nearest rank: 0.5 % of 200 -> the 1st value (0), 99.5 % -> the 199th (198); the outlier is clipped
        assertEquals(0f, v[0]);
        assertEquals(99f / 198, v[99], 1e-6);
        assertEquals(1f, v[198]);
        assertEquals(1f, v[199]);
    }

    /** MONOCHROME1 (white is zero, as many X-rays are stored) is inverted: the highest stored value becomes black. */
    @Test
    void monochrome1IsInverted() throws IOException {
        Path f = dir.resolve("cr");
        new TinyDicom().gray(1, 2, 16, false, "MONOCHROME1").pixels16(0, 1000).write(f, DicomReader.EXPLICIT_LE);
        Image image = ImageDecoder.decode(f, ImageReadOptions.defaults().optWindow(IntensityWindow.parse("500,1000")));
        assertEquals(1f, image.get(0, 0, 0));
        assertEquals(0f, image.get(0, 0, 1));
    }

    /** Every frame is an image by default; --frames first keeps one; in a folder each frame gets the file's label. */
    @Test
    void framesBecomeImagesWithTheirFilesLabel() throws IOException {
        Path f = Files.createDirectories(dir.resolve("data/lesion")).resolve("IM0001");   // no file ending
        new TinyDicom().gray(2, 2, 16, false, "MONOCHROME2").text(0x00280008, "IS", "3")
                .pixels16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12).write(f, DicomReader.EXPLICIT_LE);
        Path g = Files.createDirectories(dir.resolve("data/normal")).resolve("b.dcm");
        new TinyDicom().gray(2, 2, 16, false, "MONOCHROME2").pixels16(1, 2, 3, 4).write(g, DicomReader.EXPLICIT_LE);
        assertEquals(3, ImageDecoder.decodeFrames(f, ImageReadOptions.defaults()).size());
        assertEquals(1, ImageDecoder.decodeFrames(f, ImageReadOptions.defaults().optFrames(FrameChoice.FIRST)).size());
        var labeled = new ImageFolderReader(ImageReadOptions.defaults()).readLabeled(dir.resolve("data"));
        assertArrayEquals(new int[] {0, 0, 0, 1}, labeled.data().labels());
        assertEquals(List.of(f, f, f, g), labeled.files());
    }

    @Test
    void compressedPixelDataIsRefusedNamingTheSyntax() throws IOException {
        Path f = dir.resolve("j2k.dcm");
        new TinyDicom().gray(1, 1, 16, false, "MONOCHROME2").pixels16(1).write(f, "1.2.840.10008.1.2.4.90");
        SelfSupException e = assertThrows(SelfSupException.class, () -> DicomReader.read(f));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("JPEG 2000 Lossless") && e.getMessage().contains("j2k.dcm"), e.getMessage());
    }

    @Test
    void truncatedPixelDataIsAnError() throws IOException {
        Path f = dir.resolve("cut.dcm");
        new TinyDicom().gray(2, 2, 16, false, "MONOCHROME2").pixels16(1, 2, 3).write(f, DicomReader.EXPLICIT_LE);
        SelfSupException e = assertThrows(SelfSupException.class, () -> DicomReader.read(f));
        assertTrue(e.getMessage().contains("6 bytes") && e.getMessage().contains("need 8"), e.getMessage());
    }

    @Test
    void unknownWindowsListTheChoices() {
        SelfSupException e = assertThrows(SelfSupException.class, () -> IntensityWindow.parse("lungs"));
        assertTrue(e.getMessage().contains("lung") && e.getMessage().contains("center,width"), e.getMessage());
        assertThrows(SelfSupException.class, () -> IntensityWindow.parse("40,0"));
        assertEquals(-600, IntensityWindow.parse("lung").center());
        assertEquals(80, IntensityWindow.parse(" 40, 80 ").width());
    }
}
