package org.selfsup4j.pretext.restoration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class RestorationTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new RestorationTaskFactory();
    }

    @Override
    protected List<Image> images() {
        return randomImages(6, 1, 16, 16, 8);
    }

    @Test
    void bezierMappingKeepsItsEndpointsAndIsMonotone() {
        Random r = new Random(5);
        for (int k = 0; k < 50; k++) {
            double[][] up = GenesisTransforms.bezierMapping(r, false);
            assertEquals(0, GenesisTransforms.interpolate(up[0], up[1], 0), 1e-9);
            assertEquals(1, GenesisTransforms.interpolate(up[0], up[1], 1), 1e-9);
            double previous = -1;
            for (double v = 0; v <= 1; v += 0.01) {
                double y = GenesisTransforms.interpolate(up[0], up[1], v);
                assertTrue(y >= previous - 1e-12 && y >= 0 && y <= 1);
                previous = y;
            }
            double[][] down = GenesisTransforms.bezierMapping(r, true);
            assertEquals(1, GenesisTransforms.interpolate(down[0], down[1], 0), 1e-9);
            assertEquals(0, GenesisTransforms.interpolate(down[0], down[1], 1), 1e-9);
        }
    }

    @Test
    void interpolationIsNumpysInterp() {
        double[] xs = {0, 0.5, 1};
        double[] ys = {0, 0.2, 1};
        assertEquals(0.1, GenesisTransforms.interpolate(xs, ys, 0.25), 1e-12);
        assertEquals(0.6, GenesisTransforms.interpolate(xs, ys, 0.75), 1e-12);
        assertEquals(0, GenesisTransforms.interpolate(xs, ys, -1), 1e-12);
        assertEquals(1, GenesisTransforms.interpolate(xs, ys, 2), 1e-12);
    }

    @Test
    void shufflingAWindowKeepsItsPixelsAndTouchesNothingElse() {
        float[] px = new float[2 * 8 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        float[] out = px.clone();
        GenesisTransforms.shuffleWindow(px, out, 2, 8, 8, 2, 3, 3, 2, new Random(1));
        for (int c = 0; c < 2; c++) {
            float[] before = new float[6];
            float[] after = new float[6];
            int n = 0;
            for (int y = 2; y < 5; y++) {
                for (int x = 3; x < 5; x++) {
                    before[n] = px[c * 64 + y * 8 + x];
                    after[n++] = out[c * 64 + y * 8 + x];
                }
            }
            Arrays.sort(before);
            Arrays.sort(after);
            assertArrayEquals(before, after, "channel " + c + " keeps the window's pixel multiset");
        }
        for (int i = 0; i < px.length; i++) {
            int y = (i % 64) / 8;
            int x = i % 8;
            if (y < 2 || y >= 5 || x < 3 || x >= 5) {
                assertEquals(px[i], out[i], "outside the window at " + i);
            }
        }
        assertEquals(3, GenesisTransforms.shuffleWindow(32));
        assertEquals(1, GenesisTransforms.shuffleWindow(9));
    }

    @Test
    void paintingBoxesHaveTheAuthorsSizesScaled() {
        Random r = new Random(2);
        for (int k = 0; k < 500; k++) {
            int[] in = GenesisTransforms.box(64, 64, 64 / 6, 64 / 3, 64 / 6, 64 / 3, r);
            assertTrue(in[2] >= 10 && in[2] <= 21 && in[0] >= 3 && in[0] + in[2] <= 61, Arrays.toString(in));
            int[] out = GenesisTransforms.box(64, 64, 64 - 4 * 64 / 7, 64 - 3 * 64 / 7, 64 - 4 * 64 / 7,
                    64 - 3 * 64 / 7, r);
            assertTrue(out[2] >= 28 && out[2] <= 37 && out[1] >= 3 && out[1] + out[3] <= 61, Arrays.toString(out));
        }
        assertEquals(3, GenesisTransforms.margin(64));
        assertEquals(1, GenesisTransforms.margin(28));
    }

    @Test
    void outPaintingKeepsBoxesOfTheOriginalAndNoiseElsewhere() {
        float[] px = new float[28 * 28];
        Arrays.fill(px, 2f);   // outside [0, 1): noise can never equal it
        float[] out = GenesisTransforms.outPaint(px, 1, 28, 28, new Random(4));
        long kept = 0;
        for (float v : out) {
            assertTrue(v == 2f || (v >= 0 && v < 1));
            kept += v == 2f ? 1 : 0;
        }
        assertTrue(kept >= 12 * 12, "at least one box of 3/7 of the side is the original: " + kept);
        float[] in = GenesisTransforms.inPaint(px, 1, 28, 28, new Random(4));
        long noisy = 0;
        for (float v : in) {
            noisy += v < 1 ? 1 : 0;
        }
        assertTrue(noisy < px.length / 2.0, "in-painting replaces boxes only: " + noisy);
    }

    @Test
    void theTargetIsTheOriginalFlippedAsTheInputWas() {
        RestorationTask flipsOnly = new RestorationTask(1, 0, 0, 0, 0);
        Image image = images().get(0);
        float[] v = GenesisTransforms.flip(image.pixels(), 1, 16, 16, true);
        float[] h = GenesisTransforms.flip(image.pixels(), 1, 16, 16, false);
        List<float[]> flips = List.of(image.pixels(), v, h, GenesisTransforms.flip(v, 1, 16, 16, false));
        for (int seed = 0; seed < 10; seed++) {
            float[][] pair = flipsOnly.pair(image, new Random(seed));
            assertArrayEquals(pair[1], pair[0], "with only flips, the input is the target");
            assertTrue(flips.stream().anyMatch(f -> Arrays.equals(f, pair[1])), "three flips compose to one of four");
        }
        RestorationTask everything = new RestorationTask(1, 1, 1, 1, 0.5);
        float[][] pair = everything.pair(image, new Random(3));
        assertTrue(flips.stream().anyMatch(f -> Arrays.equals(f, pair[1])), "the target is never transformed further");
        assertTrue(!Arrays.equals(pair[0], pair[1]), "the input is");
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.parse("paint-rate=1.5"), Augmenters.none()));
    }
}
