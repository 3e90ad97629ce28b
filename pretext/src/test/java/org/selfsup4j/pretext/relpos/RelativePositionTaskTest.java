package org.selfsup4j.pretext.relpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.testkit.PretextTaskContract;

class RelativePositionTaskTest extends PretextTaskContract {
    @Override
    protected PretextTaskFactory factory() {
        return new RelativePositionTaskFactory();
    }

    @Override
    protected List<Image> images() {
        return randomImages(4, 3, 30, 30, 8);
    }

    private static PretextTask task(String settings) {
        return new RelativePositionTaskFactory().create(ComponentConfig.parse(settings), Augmenters.none());
    }

    /**
     * On an 18×18 gray image whose pixel (y, x) holds y·18 + x, the grid has cells of 6 px, patches of 4 px and no
     * jitter, so the centre patch starts at (7, 7) and the neighbours at these hand-computed corners.
     */
    @Test
    void theEightPlacesOnATinyImage() {
        float[] px = new float[18 * 18];
        for (int i = 0; i < px.length; i++) {
            px[i] = i;
        }
        Image image = new Image(1, 18, 18, px);
        int[][] corners = {{1, 1}, {1, 7}, {1, 13}, {7, 1}, {7, 13}, {13, 1}, {13, 7}, {13, 13}};
        Set<Integer> seen = new HashSet<>();
        PretextBatch b = task("").makeBatch(java.util.Collections.nCopies(200, image), new Random(3));
        for (int n = 0; n < b.size(); n++) {
            Image centre = b.inputs().get(2 * n);
            Image other = b.inputs().get(2 * n + 1);
            assertEquals(new InputShape(1, 4, 4), centre.shape());
            assertEquals(7 * 18 + 7, centre.get(0, 0, 0));
            assertEquals(7 * 18 + 10, centre.get(0, 0, 3));
            int k = b.targets().argMax(n);
            seen.add(k);
            assertEquals(corners[k][0] * 18 + corners[k][1], other.get(0, 0, 0), "class " + k);
            assertEquals((corners[k][0] + 3) * 18 + corners[k][1] + 3, other.get(0, 3, 3), "class " + k);
        }
        assertEquals(8, seen.size());
    }

    @Test
    void geometryScalesWithTheImage() {
        RelativePositionGeometry small = RelativePositionGeometry.of(new InputShape(1, 28, 28));
        assertEquals(List.of(9, 6, 0), List.of(small.cell(), small.patch(), small.jitter()));
        RelativePositionGeometry large = RelativePositionGeometry.of(new InputShape(3, 224, 224));
        // cells of 74, patches of 49, a gap of 25 and round(25 * 7 / 48) = 4 px of jitter (the paper: 48 and 7 at 96)
        assertEquals(List.of(74, 49, 4), List.of(large.cell(), large.patch(), large.jitter()));
        SelfSupException e = assertThrows(SelfSupException.class, () -> task("").inputShape(new InputShape(1, 15, 15)));
        assertEquals(ErrorCode.IMAGE_TOO_SMALL, e.code());
        assertTrue(e.getMessage().contains("18x18") && e.getMessage().contains("1x15x15"), e.getMessage());
    }

    @Test
    void jitteredPatchesStayInsideTheImageAndApart() {
        RelativePositionGeometry g = RelativePositionGeometry.of(new InputShape(3, 224, 224));
        for (int row = 0; row < 3; row++) {
            int lowest = g.y(row) - g.jitter();
            int highest = g.y(row) + g.jitter() + g.patch();
            assertTrue(lowest >= g.top() + row * g.cell() && highest <= g.top() + (row + 1) * g.cell(), "row " + row);
        }
        task("").makeBatch(randomImages(50, 3, 224, 224, 1), new Random(2));
    }

    @Test
    void colourDroppingKeepsOneChannelAndProjectionRemovesGreenMagenta() {
        Image patch = randomImages(1, 3, 6, 6, 4).get(0);
        Image dropped = ChromaticGuard.DROP.apply(patch, new Random(1));
        int kept = 0;
        for (int c = 0; c < 3; c++) {
            boolean same = true;
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int i = 0; i < 36; i++) {
                same &= dropped.pixels()[c * 36 + i] == patch.pixels()[c * 36 + i];
                lo = Math.min(lo, dropped.pixels()[c * 36 + i]);
                hi = Math.max(hi, dropped.pixels()[c * 36 + i]);
            }
            if (same) {
                kept++;
            } else {
                assertTrue(hi - lo < 0.05, "a dropped channel is faint noise: range " + (hi - lo));
            }
        }
        assertEquals(1, kept);
        Image projected = ChromaticGuard.PROJECT.apply(patch, new Random(1));
        for (int i = 0; i < 36; i++) {
            float[] p = projected.pixels();
            assertEquals(0, -p[i] + 2 * p[36 + i] - p[72 + i], 1e-5);
        }
        assertThrows(SelfSupException.class, () -> task("chromatic=blur"));
    }
}
