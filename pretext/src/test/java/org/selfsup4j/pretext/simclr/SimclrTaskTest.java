package org.selfsup4j.pretext.simclr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.core.testkit.PretextTaskContract;
import org.selfsup4j.losses.NtXentLossFactory;

class SimclrTaskTest extends PretextTaskContract {
    static final List<String> VIEWS = List.of("random-resized-crop", "horizontal-flip", "color-jitter",
            "random-grayscale", "gaussian-blur");

    /** Stand-ins for augment's view augmenters: each adds a random offset, so two views differ. */
    static final Augmenters FAKE = new Augmenters() {
        @Override
        public Augmenter get(String name, ComponentConfig config) {
            if (!VIEWS.contains(name)) {
                throw SelfSupException.unknownName("augmenter", name, VIEWS);
            }
            return (image, random) -> {
                float shift = random.nextFloat() * 0.01f;
                float[] px = image.pixels().clone();
                for (int i = 0; i < px.length; i++) {
                    px[i] = Math.min(1, px[i] + shift);
                }
                return new Image(image.channels(), image.height(), image.width(), px);
            };
        }

        @Override
        public List<String> names() {
            return VIEWS;
        }
    };

    @Override
    protected PretextTaskFactory factory() {
        return new SimclrTaskFactory();
    }

    @Override
    protected Augmenters augmenters() {
        return FAKE;
    }

    /** The contract's one training step runs with the real NT-Xent. */
    @Override
    protected SslLoss loss(String name) {
        assertEquals("nt-xent", name);
        return new NtXentLossFactory().create(ComponentConfig.empty());
    }

    @Test
    void twoViewsOfEachImageAreNeighboursWithTheImageIndexAsTarget() {
        SimclrTask task = (SimclrTask) factory().create(ComponentConfig.empty(), FAKE);
        PretextBatch b = task.makeBatch(images(), new Random(1));
        assertEquals(2 * images().size(), b.size());
        for (int n = 0; n < images().size(); n++) {
            assertEquals(n, b.targets().rows()[2 * n][0]);
            assertEquals(n, b.targets().rows()[2 * n + 1][0]);
            assertNotEquals(b.inputs().get(2 * n), b.inputs().get(2 * n + 1), "the two views differ");
        }
    }

    @Test
    void grayImagesLeaveOutGrayscaleAndBlurIsScaledToTheSide() {
        SimclrTask task = (SimclrTask) factory().create(ComponentConfig.empty(), FAKE);
        List<String> gray = task.effectiveViews(new InputShape(1, 28, 28)).stream().map(ComponentSpec::name).toList();
        assertEquals(List.of("random-resized-crop", "horizontal-flip", "color-jitter", "gaussian-blur"), gray);
        assertEquals(VIEWS, task.effectiveViews(new InputShape(3, 32, 32)).stream().map(ComponentSpec::name).toList());
        Map<String, String> blur = task.effectiveViews(new InputShape(3, 224, 224)).get(4).config().asMap();
        assertEquals(0.1, Double.parseDouble(blur.get("sigma-min")), 1e-12);
        assertEquals(2.0, Double.parseDouble(blur.get("sigma-max")), 1e-12);
        Map<String, String> small = task.effectiveViews(new InputShape(3, 28, 28)).get(4).config().asMap();
        assertEquals(0.25, Double.parseDouble(small.get("sigma-max")), 1e-12);
    }

    @Test
    void anUnknownViewAugmenterFailsAtOnceNamingTheKnownOnes() {
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> factory().create(ComponentConfig.parse("views=[random-resized-crop,blurr]"), FAKE));
        assertTrue(e.getMessage().contains("blurr") && e.getMessage().contains("gaussian-blur"), e.getMessage());
        assertThrows(SelfSupException.class, () -> factory().create(ComponentConfig.parse("projection=0"), FAKE));
    }
}
