package org.selfsup4j.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Augmenter;

class BasicAugmentersTest {
    /** One row 0 1 2 3. */
    static final Image ROW = new Image(1, 1, 4, new float[] {0, 1, 2, 3});

    @Test
    void reflectPaddingDoesNotRepeatTheEdgePixel() {
        // shifted right by 2 (dx = -2): reflect(-2)=2, reflect(-1)=1, then 0 1  ->  2 1 0 1
        assertArrayEquals(new float[] {2, 1, 0, 1}, PadCropFactory.shiftReflect(ROW, 0, -2).pixels());
        // shifted left by 2 (dx = +2): 2 3 then reflect(4)=2, reflect(5)=1  ->  2 3 2 1
        assertArrayEquals(new float[] {2, 3, 2, 1}, PadCropFactory.shiftReflect(ROW, 0, 2).pixels());
        assertEquals(0, org.selfsup4j.augment.ops.Borders.reflect(0, 1));
    }

    @Test
    void padCropShiftsWithinThePadAndKeepsTheShape() {
        Augmenter a = new PadCropFactory().create(ComponentConfig.parse("pad=1"));
        Image img = new Image(2, 3, 3, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        Random r = new Random(1);
        for (int i = 0; i < 20; i++) {
            Image out = a.apply(img, r);
            assertEquals(img.shape(), out.shape());
            // the centre pixel always comes from the 3×3 neighbourhood of the original centre, i.e. any pixel
            float centre = out.get(0, 1, 1);
            assertEquals(true, centre >= 1 && centre <= 9);
            assertEquals(out.get(0, 1, 1), out.get(1, 1, 1)); // channels move together
        }
        assertSame(img, new PadCropFactory().create(ComponentConfig.parse("pad=0")).apply(img, r));
    }

    /** fraction=0.125 is 4 pixels at 32 and 16 at 128 (rounded, of the shorter side): the shift never exceeds it. */
    @Test
    void padCropByFractionScalesWithTheImage() {
        Augmenter a = new PadCropFactory().create(ComponentConfig.parse("fraction=0.125"));
        for (int side : new int[] {32, 128}) {
            float[] px = new float[side * side];
            for (int i = 0; i < px.length; i++) {
                px[i] = i % side;   // the column index
            }
            Image img = new Image(1, side, side, px);
            int largest = 0;
            Random r = new Random(3);
            for (int i = 0; i < 200; i++) {
                // the middle pixel's value is the column it came from: its distance from the middle is the shift
                largest = Math.max(largest, Math.abs((int) a.apply(img, r).get(0, side / 2, side / 2) - side / 2));
            }
            assertEquals(side / 8, largest, "side " + side);
        }
        assertThrows(SelfSupException.class, () -> new PadCropFactory().create(ComponentConfig.parse("pad=2,fraction=0.1")));
        assertThrows(SelfSupException.class, () -> new PadCropFactory().create(ComponentConfig.parse("fraction=0.7")));
    }

    @Test
    void horizontalFlipWithProbabilityOneAndZero() {
        Random r = new Random(0);
        assertArrayEquals(new float[] {3, 2, 1, 0},
                new HorizontalFlipFactory().create(ComponentConfig.parse("p=1")).apply(ROW, r).pixels());
        assertSame(ROW, new HorizontalFlipFactory().create(ComponentConfig.parse("p=0")).apply(ROW, r));
        assertThrows(SelfSupException.class, () -> new HorizontalFlipFactory().create(ComponentConfig.parse("p=2")));
    }

    @Test
    void sameSeedSameView() {
        Augmenter a = new PadCropFactory().create(ComponentConfig.empty());
        float[] px = new float[64];
        for (int i = 0; i < 64; i++) {
            px[i] = i;
        }
        Image img = new Image(1, 8, 8, px);
        assertEquals(a.apply(img, new Random(5)), a.apply(img, new Random(5)));
    }
}
