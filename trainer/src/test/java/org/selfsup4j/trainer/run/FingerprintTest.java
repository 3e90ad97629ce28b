package org.selfsup4j.trainer.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.data.FileImages;
import org.selfsup4j.core.data.ImageFolderReader;
import org.selfsup4j.core.data.ImageReadOptions;
import org.selfsup4j.core.image.Image;

/** Images on disk are fingerprinted by their files without decoding; the fingerprint follows content and labels. */
class FingerprintTest {
    @TempDir
    Path dir;

    private void write(String name, int value) throws IOException {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(1, 2, 0, value);
        ImageIO.write(img, "png", dir.resolve(name).toFile());
    }

    private List<Image> read(ImageReadOptions.Decoding decoding) {
        return new ImageFolderReader(ImageReadOptions.defaults().optDecoding(decoding)).readUnlabeled(dir).data();
    }

    @Test
    void filesOnDiskAreHashedByTheirBytesAndPixelsInMemoryByTheirValues() throws IOException {
        write("a.png", 10);
        write("b.png", 20);
        List<Image> lazy = read(ImageReadOptions.Decoding.LAZY);
        assertTrue(lazy instanceof FileImages);
        String onDisk = Fingerprint.of(lazy, null);
        assertTrue(onDisk.startsWith("sha256-files:"), onDisk);
        assertEquals(onDisk, Fingerprint.of(read(ImageReadOptions.Decoding.LAZY), null), "stable across reads");
        assertNotEquals(onDisk, Fingerprint.of(lazy, new int[] {0, 1}), "labels count");
        assertNotEquals(onDisk, Fingerprint.of(((FileImages) lazy).select(new int[] {1, 0}), null), "order counts");

        String inMemory = Fingerprint.of(read(ImageReadOptions.Decoding.UPFRONT), null);
        assertTrue(inMemory.startsWith("sha256:"), inMemory);
        assertEquals(inMemory, Fingerprint.of(List.copyOf(lazy), null), "the same pixels hash the same in memory");

        write("b.png", 21);
        assertNotEquals(onDisk, Fingerprint.of(lazy, null), "a changed file changes the fingerprint");
        assertNotEquals(inMemory, Fingerprint.of(read(ImageReadOptions.Decoding.UPFRONT), null));
    }
}
