package org.selfsup4j.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.data.ImageFolderReader;
import org.selfsup4j.core.data.ImageReadOptions;

/** Images held in their stored precision come back value for value, and take the space that precision needs. */
class PackedImagesTest {
    @TempDir
    Path dir;

    private static Image levels(int count, float scale) {
        float[] px = new float[count];
        for (int v = 0; v < count; v++) {
            px[v] = v / scale;
        }
        return new Image(1, 1, count, px);
    }

    @Test
    void everyEightBitLevelIsOneByteAndComesBackExactly() {
        Image all = levels(256, 255f);
        PackedImages packed = PackedImages.of(List.of(all));
        assertArrayEquals(new int[] {1, 0, 0}, packed.precisionCounts());
        assertEquals(256, packed.storedBytes());
        assertArrayEquals(all.pixels(), packed.get(0).pixels(), 0f);
        assertEquals(all, packed.get(0));
    }

    @Test
    void everySixteenBitLevelIsTwoBytesAndComesBackExactly() {
        Image all = levels(65536, 65535f);
        PackedImages packed = PackedImages.of(List.of(all));
        assertArrayEquals(new int[] {0, 1, 0}, packed.precisionCounts());
        assertEquals(2 * 65536, packed.storedBytes());
        assertEquals(all, packed.get(0));
    }

    @Test
    void otherValuesStayFloats() {
        Image windowed = new Image(1, 1, 3, new float[] {0.3f, 0.5f, 1f});
        Image almost = new Image(1, 1, 2, new float[] {1 / 255f, Math.nextUp(2 / 255f)});
        PackedImages packed = PackedImages.of(List.of(windowed, almost));
        assertArrayEquals(new int[] {0, 0, 2}, packed.precisionCounts());
        assertEquals(windowed, packed.get(0));
        assertEquals(almost, packed.get(1));
        assertEquals(20, packed.storedBytes());
    }

    @Test
    void isAnImmutableSnapshotHandingOutFreshArrays() {
        float[] px = {0f, 1f};
        Image image = new Image(1, 1, 2, px);
        PackedImages packed = PackedImages.of(List.of(image));
        px[0] = 1f;   // against the contract, but a snapshot must not see it
        assertEquals(0f, packed.get(0).pixels()[0]);
        assertNotSame(packed.get(0).pixels(), packed.get(0).pixels());
        assertSame(packed, PackedImages.of(packed));
        assertThrows(UnsupportedOperationException.class, () -> packed.add(image));
        assertThrows(IndexOutOfBoundsException.class, () -> packed.get(1));
        assertEquals(new InputShape(1, 1, 2), packed.shape(0));
    }

    @Test
    void aFolderOfEightBitPngsIsHeldAsBytes() throws IOException {
        for (int i = 0; i < 3; i++) {
            BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setSample(1, 2, 0, 40 * i);
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
        BufferedImage deep = new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 0, 0, 1);
        ImageIO.write(deep, "png", dir.resolve("img9-16bit.png").toFile());
        List<Image> images = new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(dir).data();
        PackedImages packed = (PackedImages) images;
        assertArrayEquals(new int[] {3, 1, 0}, packed.precisionCounts());
        assertEquals(80 / 255f, images.get(2).get(0, 2, 1));
        assertEquals(1 / 65535f, images.get(3).get(0, 0, 0));
    }
}
