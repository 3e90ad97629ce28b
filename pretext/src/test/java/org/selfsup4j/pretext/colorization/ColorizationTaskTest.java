package org.selfsup4j.pretext.colorization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.CieLab;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class ColorizationTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new ColorizationTaskFactory();
    }

    @Override
    protected List<Image> images() {
        return randomImages(4, 3, 16, 16, 11);
    }

    static final AbBins BINS = ColorizationTask.bins();

    @Test
    void theInGamutBinsIncludeGrayAndThePrimariesAndNothingFarOut() {
        assertEquals(261, BINS.count());
        int gray = BINS.nearest(0, 0);
        assertEquals(0, BINS.a(gray));
        assertEquals(0, BINS.b(gray));
        double[] red = CieLab.fromRgb(1, 0, 0);
        int r = BINS.nearest(red[1], red[2]);
        assertEquals(80, BINS.a(r));
        assertEquals(70, BINS.b(r));
        for (int k = 0; k < BINS.count(); k++) {
            assertTrue(Math.hypot(BINS.a(k), BINS.b(k)) < 140, "bin " + k);
        }
    }

    @Test
    void softEncodingSpreadsOverTheFiveNearestBinsWithGaussianWeights() {
        float[] out = new float[BINS.count()];
        BINS.softEncode(3, -2, 5, 5, out, 0, 1);
        int nonZero = 0;
        double sum = 0;
        for (float v : out) {
            nonZero += v > 0 ? 1 : 0;
            sum += v;
        }
        assertEquals(5, nonZero);
        assertEquals(1, sum, 1e-6);
        int nearest = BINS.nearest(3, -2);
        for (int k = 0; k < out.length; k++) {
            assertTrue(out[k] <= out[nearest]);
        }
        // (3, −2) is at squared distance 13 from (0, 0) and 53 from (10, 0): the weight ratio is exp(−(13 − 53) / 50)
        int east = BINS.nearest(10, 0);
        assertEquals(Math.exp(40.0 / 50), out[nearest] / out[east], 1e-5);
    }

    @Test
    void rebalancingOnAHandMadeHistogram() {
        double[] counts = new double[BINS.count()];
        counts[0] = 3;
        counts[1] = 1;
        // σ → 0 (no smoothing): p = (3/4, 1/4, 0, ...); w ∝ 1 / (p/2 + 1/(2·261)), then E_p[w] = 1
        double[] w = Rebalancing.weights(BINS, counts, 0.5, 1e-3);
        assertEquals(0.6700379267, w[0], 1e-9);
        assertEquals(1.9898862200, w[1], 1e-9);
        assertEquals(131.8299620733, w[2], 1e-9);
        assertEquals(1, 0.75 * w[0] + 0.25 * w[1], 1e-12);
        double[] flat = Rebalancing.weights(BINS, counts, 1, 5);
        assertTrue(Arrays.stream(flat).allMatch(v -> Math.abs(v - 1) < 1e-12), "lambda 1: no rebalancing");
    }

    @Test
    void grayImagesGetAClearErrorNamingTheTasksThatWorkOnThem() {
        SelfSupException e = assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.empty(),
                Augmenters.none()).inputShape(new InputShape(1, 28, 28)));
        assertEquals(ErrorCode.WRONG_CHANNELS, e.code());
        assertTrue(e.getMessage().contains("colour images") && e.getMessage().contains("restoration"), e.getMessage());
    }

    @Test
    void theInputIsLightnessAndThePredictionAQuarterOfTheSide() {
        ColorizationTask task = (ColorizationTask) factory().create(ComponentConfig.empty(), Augmenters.none());
        assertEquals(ImageConversion.LIGHTNESS, task.downstreamConversion());
        assertEquals(new InputShape(1, 16, 16), task.inputShape(new InputShape(3, 16, 16)));
        PretextBatch b = task.makeBatch(images(), new Random(1));
        assertEquals(ImageConversion.LIGHTNESS.apply(images().get(0)), b.inputs().get(0));
        assertTrue(Arrays.equals(new int[] {BINS.count(), 4, 4}, b.targets().shape()));
    }

    @Test
    void aRegressionTargetRendersBackToTheColourOfAUniformImage() {
        ColorizationTask task = (ColorizationTask) factory().create(ComponentConfig.parse("mode=regression"),
                Augmenters.none());
        float[] px = new float[3 * 64];
        Arrays.fill(px, 0, 64, 0.8f);
        Arrays.fill(px, 64, 128, 0.3f);
        Arrays.fill(px, 128, 192, 0.1f);
        Image orange = new Image(3, 8, 8, px);
        PretextBatch b = task.makeBatch(List.of(orange), new Random(1));
        Image rendered = task.render(b.inputs().get(0), b.targets().rows()[0]);
        for (int i = 0; i < px.length; i++) {
            assertEquals(px[i], rendered.pixels()[i], 1e-4);
        }
        assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.parse("mode=hue"), Augmenters.none()));
    }
}
