package org.selfsup4j.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.plugin.Catalog;

/**
 * The pretext accuracy's batches hold at most 2^19 input values, counted over the examples a task makes of one image:
 * rotation makes four of each, so 128x128 images go 8 to a batch (4 x 8 x 16,384 = 2^19), 28x28 ones the 100 asked for.
 */
class PretextAccuracyBatchTest {
    private static List<Image> blank(int size) {
        return List.of(new Image(1, size, size, new float[size * size]));
    }

    @Test
    void batchesAreCappedByTheValuesTheTaskMakesPerImage() {
        PretextTask rotation = Catalog.discover().pretextTask("rotation", ComponentConfig.empty());
        assertEquals(8, PretextAccuracy.batchFor(rotation, blank(128), 100));
        assertEquals(100, PretextAccuracy.batchFor(rotation, blank(28), 100));
        assertEquals(1, PretextAccuracy.batchFor(rotation, blank(512), 100), "at least one image");
    }
}
