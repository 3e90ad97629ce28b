package org.selfsup4j.core.data.medical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.ImageDecoder;
import org.selfsup4j.core.data.ImageReadOptions;
import org.selfsup4j.core.image.Image;

/**
 * Known values of real files (pydicom's test files, the mricron templates, nibabel's test data; values from pydicom
 * and nibabel quoted in each test), and the bad inputs the medical readers must name.
 */
class RealMedicalFilesTest {
    static final Path DICOM = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");
    static final Path NIBABEL = Path.of("/usr/lib/python3/dist-packages/nibabel/tests/data");
    static final Path COLIN = Path.of("/usr/share/mricron/templates/ch2.nii.gz");

    @TempDir
    Path dir;

    /** pydicom: CT_small stores 175 at (0, 0) and 1928 at (64, 64), Rescale Intercept -1024, slope 1. */
    @Test
    void ctPixelsAreHounsfieldUnits() {
        DicomFile ct = DicomReader.read(DICOM.resolve("CT_small.dcm"));
        assertEquals("CT", ct.modality());
        assertEquals(-849, ct.modalityValues(0)[0]);
        assertEquals(904, ct.modalityValues(0)[64 * 128 + 64]);
    }

    /**
     * pydicom: this CR file is MONOCHROME1, rescales by 0.684 and 200, has window 1600/2800 and stores 1994 at
     * (0, 0): the window applies to 1994 * 0.684 + 200 = 1563.896 (pydicom's apply_modality_lut), DICOM's linear
     * function gives (1563.896 - 1599.5) / 2799 + 0.5 = 0.487280, inverted 0.512720.
     */
    @Test
    void monochrome1XrayIsRescaledWindowedThenInverted() {
        Image cr = ImageDecoder.decode(DICOM.resolve("dicomdirtests/77654033/CR1/6154"), ImageReadOptions.defaults());
        assertEquals(1 - ((1994 * 0.684 + 200 - 1599.5) / 2799 + 0.5), cr.get(0, 0, 0), 1e-6);
    }

    /** pydicom: rtdose.dcm has 15 frames of 10 x 10. */
    @Test
    void everyFrameIsAnImage() {
        List<Image> frames = ImageDecoder.decodeFrames(DICOM.resolve("rtdose.dcm"), ImageReadOptions.defaults());
        assertEquals(15, frames.size());
        assertEquals(10, frames.get(14).width());
    }

    @Test
    void aDicomWithoutPixelDataIsNotAnImage() {
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> ImageDecoder.decodeFrames(DICOM.resolve("rtplan.dcm"), ImageReadOptions.defaults()));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("rtplan.dcm") && e.getMessage().contains("no Pixel Data"), e.getMessage());
    }

    /** nibabel: the Colin27 volume is 181 x 217 x 181 (RAS): as many slices per plane. */
    @Test
    void sliceCountsFollowThePlane() {
        ImageReadOptions o = ImageReadOptions.defaults();
        assertEquals(181, ImageDecoder.decodeFrames(COLIN, o.optSlices(SliceSelection.parse("axial", "all"))).size());
        List<Image> coronal = ImageDecoder.decodeFrames(COLIN, o.optSlices(SliceSelection.parse("coronal", "all")));
        assertEquals(217, coronal.size());
        assertEquals(181, coronal.get(0).height());   // superior-inferior
        assertEquals(181, ImageDecoder.decodeFrames(COLIN, o.optSlices(SliceSelection.parse("sagittal", "all"))).size());
    }

    @Test
    void aFourDimensionalVolumeIsRefusedNamingIt() {
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> ImageDecoder.decodeFrames(NIBABEL.resolve("example4d.nii.gz"), ImageReadOptions.defaults()));
        assertTrue(e.getMessage().contains("example4d.nii.gz") && e.getMessage().contains("4-D volume (2 volumes"),
                e.getMessage());
    }

    /** nibabel's anatomical.nii with its datatype changed to RGB24 (128), which is not read. */
    @Test
    void anUnsupportedDatatypeIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(NIBABEL.resolve("anatomical.nii"));
        ByteOrder order = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == 348
                ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer.wrap(bytes).order(order).putShort(70, (short) 128);
        Path f = dir.resolve("rgb.nii");
        Files.write(f, bytes);
        SelfSupException e = assertThrows(SelfSupException.class, () -> NiftiReader.read(f));
        assertTrue(e.getMessage().contains("rgb.nii") && e.getMessage().contains("datatype 128"), e.getMessage());
    }

    @Test
    void aTruncatedVolumeIsNamed() throws IOException {
        byte[] bytes = Files.readAllBytes(NIBABEL.resolve("anatomical.nii"));
        Path f = dir.resolve("cut.nii");
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        SelfSupException e = assertThrows(SelfSupException.class, () -> NiftiReader.read(f));
        assertTrue(e.getMessage().contains("cut.nii") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
