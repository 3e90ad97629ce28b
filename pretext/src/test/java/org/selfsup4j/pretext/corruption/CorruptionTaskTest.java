package org.selfsup4j.pretext.corruption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class CorruptionTaskTest extends PretextTaskContract {
    static final List<String> BUILT_IN = List.of("gaussian-noise", "shot-noise", "impulse-noise", "pixelate", "jpeg",
            "gaussian-blur", "contrast", "brightness", "my-plugin-op");

    /** A fake of augment's corruptions: each fills the image with a value that says which one ran; records settings. */
    static final class FakeAugmenters implements Augmenters {
        final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();

        @Override
        public Augmenter get(String name, ComponentConfig config) {
            if (!BUILT_IN.contains(name)) {
                throw SelfSupException.unknownName("augmenter", name, BUILT_IN);
            }
            settings.put(name, config.asMap());
            float value = (BUILT_IN.indexOf(name) + 1) / 10f;
            return (image, random) -> {
                float[] px = new float[image.pixels().length];
                Arrays.fill(px, value);
                return new Image(image.channels(), image.height(), image.width(), px);
            };
        }

        @Override
        public List<String> names() {
            return BUILT_IN;
        }
    }

    @Override
    protected PretextTaskFactory factory() {
        return new CorruptionTaskFactory();
    }

    @Override
    protected Augmenters augmenters() {
        return new FakeAugmenters();
    }

    private static CorruptionTask task(String settings, Augmenters augmenters) {
        return (CorruptionTask) new CorruptionTaskFactory().create(ComponentConfig.parse(settings), augmenters);
    }

    @Test
    void eachLabelIsTheCorruptionThatWasAppliedAndZeroLeavesTheImageAlone() {
        CorruptionTask task = task("", new FakeAugmenters());
        assertEquals(9, task.classes());
        assertEquals(List.of("none", "gaussian-noise", "shot-noise", "impulse-noise", "pixelate", "jpeg", "gaussian-blur",
                "contrast", "brightness"), task.classNames());
        List<Image> images = randomImages(300, 1, 28, 28, 1);
        PretextBatch b = task.makeBatch(images, new Random(2));
        int[] counts = new int[9];
        for (int n = 0; n < b.size(); n++) {
            int label = b.targets().argMax(n);
            counts[label]++;
            if (label == 0) {
                assertSame(images.get(n), b.inputs().get(n));
            } else {
                assertEquals(label / 10f, b.inputs().get(n).get(0, 5, 5), 1e-6, "example " + n);
            }
        }
        for (int c : counts) {
            assertTrue(c > 15, Arrays.toString(counts));
        }
    }

    @Test
    void strengthsScaleWithTheImageAndUserSettingsWin() {
        FakeAugmenters fake = new FakeAugmenters();
        CorruptionTask task = task("corruptions=[pixelate,gaussian-blur,jpeg(quality=5),my-plugin-op]", fake);
        task.augmentersFor(new org.selfsup4j.core.image.InputShape(3, 224, 224));
        assertEquals(Map.of("block", "22"), fake.settings.get("pixelate"));
        assertEquals(Map.of("p", "1", "sigma-min", "8.0", "sigma-max", "11.2"), fake.settings.get("gaussian-blur"));
        assertEquals(Map.of("quality", "5"), fake.settings.get("jpeg"));
        assertEquals(Map.of(), fake.settings.get("my-plugin-op"));
        assertEquals(List.of("none", "pixelate", "gaussian-blur", "jpeg", "my-plugin-op"), task.classNames());
    }

    @Test
    void badListsAreRefusedBeforeTraining() {
        SelfSupException unknown = assertThrows(SelfSupException.class,
                () -> task("corruptions=[gaussian-noise,fog]", new FakeAugmenters()));
        assertTrue(unknown.getMessage().contains("fog") && unknown.getMessage().contains("pixelate"), unknown.getMessage());
        assertThrows(SelfSupException.class, () -> task("corruptions=[jpeg,jpeg]", new FakeAugmenters()));
        assertThrows(SelfSupException.class, () -> task("corruptions=[jpeg,", new FakeAugmenters()));
        assertThrows(SelfSupException.class, () -> task("corruptions=[jpeg,,pixelate]", new FakeAugmenters()));
        assertEquals(2, task("corruptions=jpeg", new FakeAugmenters()).classes());
    }
}
