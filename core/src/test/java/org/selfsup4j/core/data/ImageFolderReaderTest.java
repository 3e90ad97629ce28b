package org.selfsup4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    static void png(Path file, int w, int h, int gray) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, gray);
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void classFoldersBecomeSortedClassesWithLabels() throws IOException {
        png(dir.resolve("zebra/1.png"), 4, 4, 10);
        png(dir.resolve("cat/a.png"), 4, 4, 20);
        png(dir.resolve("cat/sub/b.png"), 4, 4, 30);
        var r = new ImageFolderReader(ImageReadOptions.defaults()).readLabeled(dir);
        assertEquals(List.of("cat", "zebra"), r.data().classNames());
        assertArrayEquals(new int[] {0, 0, 1}, r.data().labels());
        assertEquals(20 / 255f, r.data().image(0).get(0, 0, 0), 1e-7);
    }

    @Test
    void unlabeledReadsRecursivelyAndSkipsHiddenFiles() throws IOException {
        png(dir.resolve("a/b/c.png"), 3, 3, 1);
        png(dir.resolve("d.png"), 3, 3, 2);
        Files.writeString(dir.resolve(".DS_Store"), "x");
        List<Image> images = new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(dir).data();
        assertEquals(2, images.size());
    }

    /** A linked sub-folder is read like a real one (before: silently left out). */
    @Test
    void symbolicLinksToFoldersAreFollowed() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        png(elsewhere.resolve("x.png"), 3, 3, 1);
        png(elsewhere.resolve("y.png"), 3, 3, 2);
        png(dir.resolve("data/d.png"), 3, 3, 3);
        Files.createSymbolicLink(dir.resolve("data/linked"), elsewhere);
        assertEquals(3, new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(dir.resolve("data")).data().size());
    }

    @Test
    void mixedSizesNameBothFiles() throws IOException {
        png(dir.resolve("a.png"), 4, 4, 1);
        png(dir.resolve("b.png"), 5, 4, 1);
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(dir));
        assertEquals(ErrorCode.MIXED_IMAGE_SIZES, e.code());
        assertTrue(e.getMessage().contains("a.png") && e.getMessage().contains("b.png"), e.getMessage());
        // with a resize policy the same folder reads
        assertEquals(2, new ImageFolderReader(ImageReadOptions.defaults().optResize(8, 8)).readUnlabeled(dir).data().size());
    }

    @Test
    void nonImageFileFailsUnlessSkipped() throws IOException {
        png(dir.resolve("a.png"), 4, 4, 1);
        Files.writeString(dir.resolve("readme.txt"), "not an image");
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(dir));
        assertEquals(ErrorCode.NOT_AN_IMAGE, e.code());
        assertTrue(e.getMessage().contains("readme.txt"));
        var r = new ImageFolderReader(ImageReadOptions.defaults().optSkipBad(true)).readUnlabeled(dir);
        assertEquals(1, r.data().size());
        assertEquals(1, r.skipped().size());
    }

    @Test
    void emptyAndMissingFoldersAreClearErrors() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        SelfSupException e1 = assertThrows(SelfSupException.class,
                () -> new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(empty));
        assertEquals(ErrorCode.EMPTY_DATA, e1.code());
        SelfSupException e2 = assertThrows(SelfSupException.class,
                () -> new ImageFolderReader(ImageReadOptions.defaults()).readLabeled(dir.resolve("nope")));
        assertEquals(ErrorCode.MISSING_PATH, e2.code());
        assertTrue(e2.getMessage().contains("nope"));
    }

    /** --limit N decodes the first N files only: a bad file past the limit is never opened. */
    @Test
    void aLimitReadsOnlyTheFirstFiles() throws IOException {
        Path root = Files.createDirectories(dir.resolve("lim"));
        png(root.resolve("a.png"), 4, 4, 10);
        png(root.resolve("b.png"), 4, 4, 20);
        Files.writeString(root.resolve("c.png"), "not a png");
        assertThrows(org.selfsup4j.core.SelfSupException.class,
                () -> new ImageFolderReader(ImageReadOptions.defaults()).readUnlabeled(root));
        var read = new ImageFolderReader(ImageReadOptions.defaults().optLimit(2)).readUnlabeled(root);
        assertEquals(2, read.data().size());
        assertEquals(20 / 255f, read.data().get(1).get(0, 0, 0), 1e-6);
    }
}
