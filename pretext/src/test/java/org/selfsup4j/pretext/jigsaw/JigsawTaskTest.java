package org.selfsup4j.pretext.jigsaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class JigsawTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new JigsawTaskFactory();
    }

    @Override
    protected List<Image> images() {
        return randomImages(4, 3, 30, 30, 8);
    }

    private static JigsawTask task(String settings) {
        return (JigsawTask) new JigsawTaskFactory().create(ComponentConfig.parse(settings), Augmenters.none());
    }

    @Test
    void geometryIsDerivedFromTheImageSize() {
        JigsawGeometry small = JigsawGeometry.of(new InputShape(1, 28, 28), 3);
        // cells of 9 px, tiles of round(9 * 64 / 75) = 8 px, one pixel of jitter, no chromatic jitter on gray
        assertEquals(List.of(9, 9, 8, 0, 0, 0), List.of(small.cellHeight(), small.cellWidth(), small.tile(), small.top(),
                small.left(), small.channelJitter()));
        assertEquals(1, small.jitterY());
        JigsawGeometry large = JigsawGeometry.of(new InputShape(3, 224, 224), 3);
        // cells of 74 px (the grid starts at row/column 1), tiles of 63 px, 11 px of jitter, ±2 px per channel
        assertEquals(List.of(74, 63, 1, 11, 2), List.of(large.cellHeight(), large.tile(), large.top(), large.jitterY(),
                large.channelJitter()));
    }

    @Test
    void tilesStayInsideTheirCellsAndUseTheWholeJitterRange() {
        for (InputShape shape : List.of(new InputShape(1, 28, 28), new InputShape(3, 224, 224))) {
            JigsawGeometry g = JigsawGeometry.of(shape, 3);
            Random r = new Random(4);
            for (int row = 0; row < 3; row++) {
                for (int col = 0; col < 3; col++) {
                    int minY = Integer.MAX_VALUE;
                    int maxY = Integer.MIN_VALUE;
                    for (int k = 0; k < 2000; k++) {
                        int[] at = g.origin(row, col, r);
                        int cellTop = g.top() + row * g.cellHeight();
                        int cellLeft = g.left() + col * g.cellWidth();
                        assertTrue(at[0] >= cellTop && at[0] + g.tile() <= cellTop + g.cellHeight(), shape + " " + at[0]);
                        assertTrue(at[1] >= cellLeft && at[1] + g.tile() <= cellLeft + g.cellWidth(), shape + " " + at[1]);
                        minY = Math.min(minY, at[0] - cellTop);
                        maxY = Math.max(maxY, at[0] - cellTop);
                    }
                    assertEquals(0, minY);
                    assertEquals(g.jitterY(), maxY);
                }
            }
        }
    }

    @Test
    void imagesTooSmallForTheGridAreRefusedNamingTheMinimum() {
        SelfSupException e = assertThrows(SelfSupException.class, () -> task("").inputShape(new InputShape(1, 14, 14)));
        assertEquals(ErrorCode.IMAGE_TOO_SMALL, e.code());
        assertTrue(e.getMessage().contains("15x15") && e.getMessage().contains("1x14x14") && e.getMessage().contains("grid=2"),
                e.getMessage());
        assertEquals(new InputShape(1, 4, 4), task("grid=2").inputShape(new InputShape(1, 10, 10)));
        assertEquals(new InputShape(1, 8, 8), task("").inputShape(new InputShape(1, 28, 28)));
    }

    @Test
    void everyTileIsStandardisedPerChannel() {
        PretextBatch b = task("").makeBatch(randomImages(3, 3, 30, 30, 2), new Random(1));
        assertEquals(27, b.inputs().size());
        for (Image tile : b.inputs()) {
            int n = tile.height() * tile.width();
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                double sq = 0;
                for (int i = c * n; i < (c + 1) * n; i++) {
                    sum += tile.pixels()[i];
                    sq += tile.pixels()[i] * tile.pixels()[i];
                }
                assertEquals(0, sum / n, 1e-5);
                assertEquals(1, Math.sqrt(sq / n - (sum / n) * (sum / n)), 1e-4);
            }
        }
    }

    /** Slot i of an example holds the tile the permutation of its class puts there. */
    @Test
    void inputSlotsHoldTheTilesInTheOrderOfTheTargetsPermutation() {
        JigsawTask task = task("permutations=30");
        Image image = randomImages(1, 1, 28, 28, 6).get(0);
        for (long seed = 0; seed < 20; seed++) {
            PretextBatch b = task.makeBatch(List.of(image), new Random(seed));
            Random replay = new Random(seed);
            Image[] tiles = JigsawTask.cut(image, JigsawGeometry.of(image.shape(), 3), replay);
            int label = replay.nextInt(30);
            assertEquals(label, b.targets().argMax(0));
            int[] order = task.permutations().get(label);
            for (int slot = 0; slot < 9; slot++) {
                assertEquals(tiles[order[slot]], b.inputs().get(slot), "seed " + seed + " slot " + slot);
            }
        }
    }

    @Test
    void aShareOfColourImagesIsShownGray() {
        JigsawTask task = task("permutations=10,gray-share=0.3");
        PretextBatch b = task.makeBatch(randomImages(400, 3, 30, 30, 3), new Random(5));
        int gray = 0;
        for (int n = 0; n < 400; n++) {
            Image tile = b.inputs().get(9 * n);
            int px = tile.height() * tile.width();
            boolean same = true;
            for (int i = 0; i < px && same; i++) {
                same = Math.abs(tile.pixels()[i] - tile.pixels()[px + i]) < 1e-5;
            }
            gray += same ? 1 : 0;
        }
        assertTrue(gray > 90 && gray < 150, "gray examples " + gray + " of 400");
    }

    @Test
    void describeRecordsTheGeometryAndThePermutationSet() {
        Map<String, Object> d = task("").describe(new InputShape(1, 28, 28));
        assertEquals("8x8", d.get("tile"));
        assertEquals(100, d.get("permutations"));
        assertEquals(100, ((List<?>) d.get("classes")).size());
        assertThrows(SelfSupException.class, () -> task("grid=4"));
        assertThrows(SelfSupException.class, () -> task("grid=2,permutations=25"));
    }
}
