package com.example.halves;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

/** A multi-input plugin task passes the same contract tests, its head included. */
class SwappedHalvesTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new SwappedHalvesTaskFactory();
    }

    @Test
    void classOneSwapsTheHalves() {
        Image image = new Image(1, 4, 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        PretextBatch b = factory().create(ComponentConfig.empty(), Augmenters.none())
                .makeBatch(Collections.nCopies(20, image), new Random(1));
        Image top = new Image(1, 2, 2, new float[] {1, 2, 3, 4});
        Image bottom = new Image(1, 2, 2, new float[] {5, 6, 7, 8});
        for (int i = 0; i < b.size(); i++) {
            boolean swapped = b.targets().argMax(i) == 1;
            assertEquals(List.of(swapped ? bottom : top, swapped ? top : bottom), b.inputs().subList(2 * i, 2 * i + 2));
        }
    }
}
