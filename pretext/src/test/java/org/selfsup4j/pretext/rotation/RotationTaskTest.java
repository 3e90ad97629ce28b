package org.selfsup4j.pretext.rotation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class RotationTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new RotationTaskFactory();
    }

    /** 2×2:  a b / c d  with a=1, b=2, c=3, d=4. */
    static final Image IMG = new Image(1, 2, 2, new float[] {1, 2, 3, 4});

    @Test
    void allFourRotationsWithTheirClassesAndExactPixels() {
        PretextTask task = factory().create(ComponentConfig.empty(), Augmenters.none());
        PretextBatch b = task.makeBatch(List.of(IMG), new Random(0));
        assertEquals(4, b.size());
        assertArrayEquals(new float[] {1, 2, 3, 4}, b.inputs().get(0).pixels());
        assertArrayEquals(new float[] {2, 4, 1, 3}, b.inputs().get(1).pixels()); // 90° counter-clockwise
        assertArrayEquals(new float[] {4, 3, 2, 1}, b.inputs().get(2).pixels()); // 180°
        assertArrayEquals(new float[] {3, 1, 4, 2}, b.inputs().get(3).pixels()); // 270°
        for (int k = 0; k < 4; k++) {
            assertEquals(k, b.targets().argMax(k));
            assertEquals(1f, b.targets().rows()[k][k]);
        }
    }

    @Test
    void oneRandomRotationPerImageMatchesItsTarget() {
        PretextTask task = factory().create(new ComponentConfig(Map.of("all-rotations", "false")), Augmenters.none());
        PretextBatch b = task.makeBatch(List.of(IMG, IMG, IMG, IMG, IMG, IMG), new Random(3));
        assertEquals(6, b.size());
        for (int i = 0; i < b.size(); i++) {
            int k = b.targets().argMax(i);
            assertEquals(org.selfsup4j.core.image.Geometry.rotate90(IMG, k), b.inputs().get(i));
        }
    }

    @Test
    void nonSquareImagesAreRefused() {
        PretextTask task = factory().create(ComponentConfig.empty(), Augmenters.none());
        assertThrows(SelfSupException.class, () -> task.makeBatch(List.of(new Image(1, 2, 3, new float[6])), new Random(0)));
        assertThrows(SelfSupException.class, () -> task.inputShape(new org.selfsup4j.core.image.InputShape(1, 2, 3)));
    }
}
