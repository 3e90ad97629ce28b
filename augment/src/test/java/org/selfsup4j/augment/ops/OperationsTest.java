package org.selfsup4j.augment.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.image.Geometry;
import org.selfsup4j.core.image.Image;

/** Every operation against pixels computed by hand, edge cases included. */
class OperationsTest {
    static Image gray(int h, int w, float... v) {
        return new Image(1, h, w, v);
    }

    static float l(int level) {
        return level / 255f;
    }

    @Test
    void autoContrastStretchesAndLeavesAConstantImageAlone() {
        assertArrayEquals(new float[] {0f, 0.5f, 1f}, Tone.autoContrast(gray(1, 3, 0.2f, 0.4f, 0.6f)).pixels(), 1e-6f);
        Image constant = gray(2, 2, 0.3f, 0.3f, 0.3f, 0.3f);
        assertEquals(constant, Tone.autoContrast(constant));
    }

    @Test
    void equalizeFollowsPilsLookUpTable() {
        // 255 pixels at level 10, 255 at level 20, 1 at level 30: step = (511 - 1) / 255 = 2
        float[] px = new float[511];
        for (int i = 0; i < 511; i++) {
            px[i] = l(i < 255 ? 10 : i < 510 ? 20 : 30);
        }
        Image out = Tone.equalize(gray(1, 511, px));
        assertEquals(0f, out.pixels()[0]);
        assertEquals(l(128), out.pixels()[300]);
        assertEquals(1f, out.pixels()[510]);
        Image constant = gray(2, 2, l(77), l(77), l(77), l(77));
        assertEquals(constant, Tone.equalize(constant));
    }

    @Test
    void posterizeKeepsTheTopBits() {
        Image img = gray(1, 3, l(200), l(127), l(255));
        assertArrayEquals(new float[] {l(128), 0f, l(128)}, Tone.posterize(img, 1).pixels());
        assertArrayEquals(new float[] {l(192), l(96), l(224)}, Tone.posterize(img, 3).pixels());
        assertArrayEquals(img.pixels(), Tone.posterize(img, 8).pixels());
    }

    @Test
    void solarizeInvertsFromTheThresholdOn() {
        Image img = gray(1, 3, l(127), l(128), l(250));
        assertArrayEquals(new float[] {l(127), 1f - l(128), 1f - l(250)}, Tone.solarize(img, l(128)).pixels());
        assertEquals(img, Tone.solarize(img, 256 / 255f));
        assertArrayEquals(new float[] {0.75f, 0.25f}, Tone.invert(gray(1, 2, 0.25f, 0.75f)).pixels());
    }

    @Test
    void enhanceOperationsBlendWithTheirDegenerateImage() {
        assertArrayEquals(new float[] {0.6f, 1f}, Enhance.brightness(gray(1, 2, 0.3f, 0.7f), 2f).pixels(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 0.5f}, Enhance.contrast(gray(1, 2, 0f, 1f), 0f).pixels(), 1e-6f);
        assertArrayEquals(new float[] {0f, 1f}, Enhance.contrast(gray(1, 2, 0.25f, 0.75f), 2f).pixels(), 1e-6f);
        Image red = new Image(3, 1, 1, new float[] {1, 0, 0});
        assertArrayEquals(new float[] {0.299f, 0.299f, 0.299f}, Enhance.color(red, 0f).pixels(), 1e-6f);
        assertEquals(red, Enhance.color(red, 1f));
        // a single bright centre: smoothed value (1 + 4) / 13; borders stay
        Image dot = gray(3, 3, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        assertEquals(5f / 13f, Enhance.sharpness(dot, 0f).get(0, 1, 1), 1e-6f);
        assertEquals(1f, Enhance.sharpness(dot, 2f).get(0, 1, 1));
        assertEquals(0f, Enhance.sharpness(dot, 0f).get(0, 0, 0));
    }

    @Test
    void rotationByQuarterTurnsIsExactAndZeroIsIdentity() {
        Image img = gray(4, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertEquals(Geometry.rotate90(img, 1), Affine.rotate(img, 90, 0));
        assertEquals(Geometry.rotate90(img, 2), Affine.rotate(img, 180, 0));
        assertEquals(Geometry.rotate90(img, 3), Affine.rotate(img, -90, 0));
        assertEquals(img, Affine.rotate(img, 0, 0));
        Image odd = gray(3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(Geometry.rotate90(odd, 2), Affine.rotate(odd, 180, 0));
    }

    @Test
    void shearAndTranslateSampleLikePilAndFillFromOutside() {
        Image img = gray(3, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // shear 1: input x = (x + 0.5) + (y + 0.5) -> floor = x + y + 1
        assertArrayEquals(new float[] {2, 3, -1, 6, -1, -1, -1, -1, -1}, Affine.shearX(img, 1f, -1).pixels());
        assertArrayEquals(new float[] {2, 3, 9, 5, 6, 9, 8, 9, 9}, Affine.translate(img, 1, 0, 9).pixels());
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 0, 0, 0}, Affine.translate(img, 0, 1, 0).pixels());
        assertEquals(img, Affine.shearY(img, 0f, 0));
    }

    @Test
    void cutoutIsClippedAtTheBorder() {
        Image ones = gray(5, 5, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
        Image corner = Cutout.apply(ones, 0, 0, 4, 0f);
        // rows and columns [max(0, 0 - 2), min(5, 0 + 2)) = [0, 2)
        int zeros = 0;
        for (float v : corner.pixels()) {
            zeros += v == 0f ? 1 : 0;
        }
        assertEquals(4, zeros);
        assertEquals(0f, corner.get(0, 1, 1));
        assertEquals(1f, corner.get(0, 2, 2));
        Image middle = Cutout.apply(ones, 2, 2, 4, 0.5f);
        assertEquals(0.5f, middle.get(0, 0, 0));
        assertEquals(0.5f, middle.get(0, 3, 3));
        assertEquals(1f, middle.get(0, 4, 4));
    }

    @Test
    void blurKeepsConstantsAndMass() {
        float[] px = new float[25];
        java.util.Arrays.fill(px, 0.4f);
        Image c = gray(5, 5, px);
        for (float v : Blur.gaussian(c, 1.5).pixels()) {
            assertEquals(0.4f, v, 1e-5f);
        }
        // far enough from the border that no mirrored tap reaches the dot: the kernel sums to 1
        float[] dot = new float[15 * 15];
        dot[7 * 15 + 7] = 1;
        Image blurred = Blur.gaussian(gray(15, 15, dot), 0.8);
        float sum = 0;
        for (float v : blurred.pixels()) {
            sum += v;
        }
        assertEquals(1f, sum, 1e-5f);
        assertTrue(blurred.get(0, 7, 7) < 1f && blurred.get(0, 7, 8) > 0f);
    }

    @Test
    void pixelateAveragesBlocksAndJpegAtQuality100IsNearlyLossless() {
        assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, Pixelate.apply(gray(2, 2, 0, 0, 0, 1), 2).pixels());
        Random r = new Random(3);
        float[] px = new float[16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt(256) / 255f;
        }
        Image img = gray(16, 16, px);
        Image q100 = JpegQuantize.apply(img, 100);
        Image q10 = JpegQuantize.apply(img, 10);
        assertTrue(maxDiff(img, q100) < 0.01f, "quality 100: " + maxDiff(img, q100));
        assertTrue(maxDiff(img, q10) > 0.1f, "quality 10 must lose detail: " + maxDiff(img, q10));
        assertEquals(1, JpegQuantize.table(100)[0]);
        assertEquals(16, JpegQuantize.table(50)[0]);
    }

    @Test
    void noiseIsSeededAndClipped() {
        Image img = gray(4, 4, new float[16]);
        assertEquals(Noise.gaussian(img, 0.3, new Random(1)), Noise.gaussian(img, 0.3, new Random(1)));
        for (float v : Noise.gaussian(img, 0.3, new Random(1)).pixels()) {
            assertTrue(v >= 0f && v <= 1f);
        }
        Image all = Noise.impulse(img, 1.0, new Random(2));
        for (float v : all.pixels()) {
            assertTrue(v == 0f || v == 1f);
        }
    }

    @Test
    void hueShiftOfAFullTurnIsTheIdentityAndGrayscaleUsesLuma() {
        Image rgb = new Image(3, 1, 2, new float[] {0.8f, 0.1f, 0.3f, 0.6f, 0.2f, 0.9f});
        assertArrayEquals(rgb.pixels(), ColourSpace.hue(rgb, 0f).pixels(), 1e-6f);
        // red shifted by a third of a turn is green
        Image red = new Image(3, 1, 1, new float[] {1, 0, 0});
        assertArrayEquals(new float[] {0, 1, 0}, ColourSpace.hue(red, 1 / 3f).pixels(), 1e-6f);
        assertArrayEquals(new float[] {0.299f, 0.299f, 0.299f}, ColourSpace.grayscale(red).pixels(), 1e-6f);
    }

    @Test
    void randomResizedCropOfTheWholeImageIsTheIdentityAndAWindowIsExact() {
        Image img = gray(4, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertEquals(img, Crop.randomResized(img, 1, 1, 1, 1, new Random(1)));
        assertArrayEquals(new float[] {6, 7, 10, 11}, Crop.window(img, 1, 1, 2, 2).pixels());
        // a quarter of the area at ratio 1 is a 2x2 window, resized back to 4x4 (bilinear, half-pixel centres)
        Image quarter = Crop.randomResized(img, 0.25, 0.25, 1, 1, new Random(2));
        assertEquals(img.shape(), quarter.shape());
    }

    static float maxDiff(Image a, Image b) {
        float m = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            m = Math.max(m, Math.abs(a.pixels()[i] - b.pixels()[i]));
        }
        return m;
    }
}
