package org.selfsup4j.core.data.medical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;

/** Slice geometry by hand on a 4 x 3 x 2 RAS+ volume whose voxel (x, y, z) holds 100x + 10y + z. */
class VolumeImagesTest {
    private static final NiftiVolume VOLUME = volume();

    private static NiftiVolume volume() {
        float[] v = new float[4 * 3 * 2];
        for (int z = 0; z < 2; z++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    v[(z * 3 + y) * 4 + x] = 100 * x + 10 * y + z;
                }
            }
        }
        return new NiftiVolume(v, 4, 3, 2, 1, 0, 0, "RAS", "float32");
    }

    /** The window 161,322 maps x to x / 321 on 0..321 (low = 161 - 0.5 - 160.5 = 0): the code is readable back. */
    private static float code(Image image, int row, int column) {
        return Math.round(image.get(0, row, column) * 321);
    }

    private static List<Image> slices(String plane, String range) {
        return VolumeImages.toImages(Path.of("test.nii"), VOLUME, IntensityWindow.parse("161,322"), SliceSelection.parse(plane, range));
    }

    @Test
    void axialSlicesHaveAnteriorAtTheTopAndTheRightOnTheRight() {
        List<Image> axial = slices("axial", "all");
        assertEquals(2, axial.size());
        Image z1 = axial.get(1);
        assertEquals(3, z1.height());
        assertEquals(4, z1.width());
        assertEquals(121, code(z1, 0, 1));   // top row: most anterior y = 2; column 1: x = 1
        assertEquals(301, code(z1, 2, 3));   // bottom row: y = 0; right column: x = 3 (subject's right)
    }

    @Test
    void coronalAndSagittalSlicesHaveSuperiorAtTheTop() {
        Image coronal = slices("coronal", "1:2").get(0);   // y = 1
        assertEquals(2, coronal.height());
        assertEquals(4, coronal.width());
        assertEquals(211, code(coronal, 0, 2));   // top row: z = 1
        assertEquals(10, code(coronal, 1, 0));
        Image sagittal = slices("sagittal", "3:4").get(0);   // x = 3
        assertEquals(2, sagittal.height());
        assertEquals(3, sagittal.width());
        assertEquals(321, code(sagittal, 0, 2));   // top: z = 1; right: y = 2 (anterior)
        assertEquals(300, code(sagittal, 1, 0));
    }

    @Test
    void rangesPickTheCentralShareOrAnInterval() {
        assertArrayEquals(new int[] {45, 46, 47, 48, 49, 50, 51, 52, 53, 54}, SliceSelection.parse("axial", "10%").indices(100));
        assertArrayEquals(new int[] {1}, SliceSelection.parse("axial", "34%").indices(3));
        assertArrayEquals(new int[] {2, 3}, SliceSelection.parse("axial", "2:4").indices(5));
        assertThrows(SelfSupException.class, () -> SliceSelection.parse("axial", "2:9").indices(5));
        assertThrows(SelfSupException.class, () -> SliceSelection.parse("axial", "0%"));
        assertThrows(SelfSupException.class, () -> SliceSelection.parse("transverse", "all"));
    }

    /** auto uses the header's cal_min..cal_max when it has one, else the volume's percentiles. */
    @Test
    void autoUsesTheDisplayRange() {
        NiftiVolume ranged = new NiftiVolume(VOLUME.values(), 4, 3, 2, 1, 0, 100, "RAS", "float32");
        Image z0 = VolumeImages.toImages(Path.of("test.nii"), ranged, IntensityWindow.auto(), SliceSelection.defaults()).get(0);
        assertEquals(0.2f, z0.get(0, 0, 0), 1e-6);   // x 0, y 2: 20 of 0..100
        assertEquals(1f, z0.get(0, 0, 1));            // 120: clipped
    }
}
