package org.selfsup4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.PackedImages;

/** Lazily decoded folders give the same images as decoded ones, share storage when subset, and name a changed file. */
class LazyDecodingTest {
    @TempDir
    Path dir;

    private void writeClass(String name, int count, int seed) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        for (int i = 0; i < count; i++) {
            BufferedImage img = new BufferedImage(6, 5, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 30; p++) {
                img.getRaster().setSample(p % 6, p / 6, 0, (seed * 31 + i * 17 + p * 7) % 256);
            }
            ImageIO.write(img, "png", folder.resolve("img" + i + ".png").toFile());
        }
    }

    private LabeledImages read(ImageReadOptions.Decoding decoding) {
        return new ImageFolderReader(ImageReadOptions.defaults().optDecoding(decoding)).readLabeled(dir).data();
    }

    @Test
    void lazyGivesTheSameImagesAsUpfront() throws IOException {
        writeClass("a", 4, 1);
        writeClass("b", 3, 2);
        LabeledImages upfront = read(ImageReadOptions.Decoding.UPFRONT);
        LabeledImages lazy = read(ImageReadOptions.Decoding.LAZY);
        assertInstanceOf(PackedImages.class, upfront.images());
        assertInstanceOf(FileImages.class, lazy.images());
        assertEquals(List.copyOf(upfront.images()), List.copyOf(lazy.images()));
        assertEquals(List.of(0, 0, 0, 0, 1, 1, 1), java.util.Arrays.stream(lazy.labels()).boxed().toList());
        LabeledImages picked = lazy.subset(new int[] {6, 0});
        assertInstanceOf(FileImages.class, picked.images(), "a subset stays on disk");
        assertEquals(upfront.image(6), picked.image(0));
        assertInstanceOf(FileImages.class, lazy.images().subList(1, 3));
        assertEquals(upfront.image(2), lazy.images().subList(1, 3).get(1));
        assertInstanceOf(PackedImages.class, read(ImageReadOptions.Decoding.AUTO).images(),
                "a few KB of images are held in memory by default");
    }

    @Test
    void aFileChangedAfterTheFolderWasReadIsNamed() throws IOException {
        writeClass("a", 2, 1);
        LabeledImages lazy = read(ImageReadOptions.Decoding.LAZY);
        Path file = ((FileImages) lazy.images()).file(1);
        ImageIO.write(new BufferedImage(9, 9, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
        SelfSupException e = assertThrows(SelfSupException.class, () -> lazy.image(1));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("changed"), e.getMessage());
        Files.writeString(file, "not a picture any more");
        SelfSupException gone = assertThrows(SelfSupException.class, () -> lazy.image(1));
        assertTrue(gone.getMessage().contains(file.toString()), gone.getMessage());
        Image first = lazy.image(0);
        assertEquals(30, first.pixels().length);
    }
}
