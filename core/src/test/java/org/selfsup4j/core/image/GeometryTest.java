package org.selfsup4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GeometryTest {
    /** 2 rows × 3 columns:  1 2 3 / 4 5 6. */
    static final Image IMG = new Image(1, 2, 3, new float[] {1, 2, 3, 4, 5, 6});

    @Test
    void quarterTurnCounterClockwiseMatchesNumpyRot90() {
        // numpy.rot90([[1,2,3],[4,5,6]]) = [[3,6],[2,5],[1,4]]
        Image r = Geometry.rotate90(IMG, 1);
        assertEquals(3, r.height());
        assertEquals(2, r.width());
        assertArrayEquals(new float[] {3, 6, 2, 5, 1, 4}, r.pixels());
        assertArrayEquals(new float[] {6, 5, 4, 3, 2, 1}, Geometry.rotate90(IMG, 2).pixels());
        assertArrayEquals(new float[] {4, 1, 5, 2, 6, 3}, Geometry.rotate90(IMG, 3).pixels());
        assertEquals(IMG, Geometry.rotate90(Geometry.rotate90(IMG, 3), 1));
    }

    @Test
    void flipsMirrorEveryChannel() {
        Image two = new Image(2, 2, 2, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertArrayEquals(new float[] {2, 1, 4, 3, 6, 5, 8, 7}, Geometry.flipHorizontal(two).pixels());
        assertArrayEquals(new float[] {3, 4, 1, 2, 7, 8, 5, 6}, Geometry.flipVertical(two).pixels());
    }
}
