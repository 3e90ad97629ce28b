package org.selfsup4j.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConvertedImagesTest {
    private static final Image RED = new Image(3, 1, 2, new float[] {1, 0, 0, 0, 0, 0});
    private static final Image WHITE = new Image(3, 1, 2, new float[] {1, 1, 1, 1, 1, 1});

    @Test
    void eachImageIsConvertedWhenReadAndTheSourceIsLeftAsItWas() {
        StoredImages source = StoredImages.of(List.of(RED, WHITE));
        ConvertedImages lightness = new ConvertedImages(source, ImageConversion.LIGHTNESS);
        assertEquals(2, lightness.size());
        // L* of sRGB red is 53.24, of white 100, of black 0 (CIE 1976, D65)
        assertEquals(0.5324, lightness.get(0).pixels()[0], 1e-3);
        assertEquals(0.0, lightness.get(0).pixels()[1], 1e-6);
        assertEquals(1.0, lightness.get(1).pixels()[1], 1e-4);
        assertEquals(new InputShape(1, 1, 2), lightness.shape(0));
        assertEquals(ImageConversion.LIGHTNESS.apply(RED), lightness.get(0));
        assertEquals(RED, source.get(0), "the source is not changed");
    }

    @Test
    void aSelectionKeepsTheConversion() {
        ConvertedImages lightness = new ConvertedImages(StoredImages.of(List.of(RED, WHITE)), ImageConversion.LIGHTNESS);
        StoredImages second = lightness.select(new int[] {1});
        assertEquals(1, second.size());
        assertEquals(ImageConversion.LIGHTNESS.apply(WHITE), second.get(0));
        assertEquals(new InputShape(1, 1, 2), second.shape(0));
    }
}
