package org.selfsup4j.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CIE Lab (D65) against published reference values (Lindbloom's calculator and scikit-image's {@code rgb2lab} give
 * the same to 0.01) and round trips.
 */
class CieLabTest {
    static void assertLab(double[] expected, double[] actual) {
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], actual[i], 0.01, "component " + i);
        }
    }

    @Test
    void primariesWhiteBlackAndGrayHaveTheirReferenceValues() {
        assertLab(new double[] {100, 0, 0}, CieLab.fromRgb(1, 1, 1));
        assertLab(new double[] {0, 0, 0}, CieLab.fromRgb(0, 0, 0));
        assertLab(new double[] {53.2408, 80.0925, 67.2032}, CieLab.fromRgb(1, 0, 0));
        assertLab(new double[] {87.7347, -86.1827, 83.1793}, CieLab.fromRgb(0, 1, 0));
        assertLab(new double[] {32.2970, 79.1875, -107.8602}, CieLab.fromRgb(0, 0, 1));
        assertLab(new double[] {53.3889, 0, 0}, CieLab.fromRgb(0.5, 0.5, 0.5));
        assertEquals(53.3889, CieLab.lightnessOfGray(0.5), 0.01);
    }

    @Test
    void labToRgbInvertsRgbToLab() {
        Random r = new Random(4);
        for (int i = 0; i < 1000; i++) {
            double[] rgb = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
            double[] lab = CieLab.fromRgb(rgb[0], rgb[1], rgb[2]);
            double[] back = CieLab.toRgb(lab[0], lab[1], lab[2]);
            for (int c = 0; c < 3; c++) {
                assertEquals(rgb[c], back[c], 1e-6);
            }
        }
    }

    @Test
    void lightnessConversionGivesOneChannelOfLOver100() {
        Image rgb = new Image(3, 1, 2, new float[] {1, 0.5f, 0, 0.5f, 0, 0.5f});
        Image l = ImageConversion.LIGHTNESS.apply(rgb);
        assertEquals(new InputShape(1, 1, 2), l.shape());
        assertEquals(CieLab.fromRgb(1, 0, 0)[0] / 100, l.get(0, 0, 0), 1e-6);
        assertEquals(0.533889, l.get(0, 0, 1), 1e-4);
        Image gray = new Image(1, 1, 1, new float[] {0.5f});
        assertEquals(0.533889, ImageConversion.LIGHTNESS.apply(gray).get(0, 0, 0), 1e-4);
        assertEquals(ImageConversion.LIGHTNESS, ImageConversion.ofId("lightness"));
    }
}
