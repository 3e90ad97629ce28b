package org.selfsup4j.core.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.HeadSpec;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * The contract every pretext task keeps, as tests a plugin author inherits (selfsup4j-core's test-jar): a kebab-case
 * name, unknown settings rejected, inputs keep the image shape, one target row per input of the head's width, finite
 * values, the same seed gives the same batch, and the input images are left untouched.
 */
public abstract class PretextTaskContract {
    /** The factory under test. */
    protected abstract PretextTaskFactory factory();

    /** Small test images; override for tasks with special needs. Default: eight 1×8×8 random images. */
    protected List<Image> images() {
        Random r = new Random(5);
        List<Image> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] px = new float[64];
            for (int p = 0; p < px.length; p++) {
                px[p] = r.nextFloat();
            }
            out.add(new Image(1, 8, 8, px));
        }
        return out;
    }

    @Test
    void nameIsKebabCase() {
        assertTrue(factory().name().matches("[a-z0-9]+(-[a-z0-9]+)*"), factory().name());
    }

    @Test
    void unknownSettingIsRejected() {
        assertThrows(SelfSupException.class, () -> factory().create(new ComponentConfig(Map.of("no-such-key", "1"))));
    }

    @Test
    void batchHasOneTargetRowPerInputAndKeepsTheImageShape() {
        PretextTask task = factory().create(ComponentConfig.empty());
        PretextBatch b = task.makeBatch(images(), new Random(1));
        assertTrue(b.size() > 0);
        HeadSpec head = task.head();
        for (int i = 0; i < b.size(); i++) {
            assertEquals(images().get(0).shape(), b.inputs().get(i).shape());
            assertEquals(head.outputs(), b.targets()[i].length);
            for (float v : b.targets()[i]) {
                assertTrue(Float.isFinite(v));
            }
            for (float v : b.inputs().get(i).pixels()) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    @Test
    void sameSeedGivesTheSameBatchAndInputsAreUntouched() {
        PretextTask task = factory().create(ComponentConfig.empty());
        List<Image> images = images();
        List<float[]> before = images.stream().map(im -> im.pixels().clone()).toList();
        PretextBatch a = task.makeBatch(images, new Random(9));
        PretextBatch b = task.makeBatch(images, new Random(9));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.inputs().get(i), b.inputs().get(i));
            assertArrayEquals(a.targets()[i], b.targets()[i]);
        }
        for (int i = 0; i < images.size(); i++) {
            assertArrayEquals(before.get(i), images.get(i).pixels());
        }
    }
}
