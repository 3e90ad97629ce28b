package org.selfsup4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;

/**
 * A picture's header gives the shapes and facts its decoding gives, under every channel policy and a resize; a
 * lazily read folder is checked from headers, names a file with corrupt pixels when it is decoded, and skips it
 * up front with skip-bad.
 */
class ImageHeaderTest {
    @TempDir
    Path dir;

    private Path write(String name, BufferedImage img, String format) throws IOException {
        Random r = new Random(name.hashCode());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                    int bits = img.getSampleModel().getSampleSize(b);
                    img.getRaster().setSample(x, y, b, r.nextInt(1 << bits));
                }
            }
        }
        Path f = dir.resolve(name);
        assertTrue(ImageIO.write(img, format, f.toFile()), "no " + format + " writer for " + name);
        return f;
    }

    private List<Path> pictures() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(write("gray8.png", new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY), "png"));
        files.add(write("gray16.png", new BufferedImage(7, 5, BufferedImage.TYPE_USHORT_GRAY), "png"));
        files.add(write("rgb.png", new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB), "png"));
        files.add(write("rgba.png", new BufferedImage(7, 5, BufferedImage.TYPE_INT_ARGB), "png"));
        files.add(write("one-bit.png", new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_BINARY), "png"));
        byte[] grays = {0, 85, (byte) 170, (byte) 255};
        files.add(write("gray-palette.png", new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(2, 4, grays, grays, grays)), "png"));
        byte[] reds = {0, (byte) 200, 10, 40};
        files.add(write("colour-palette.png", new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_BINARY,
                new IndexColorModel(2, 4, reds, grays, grays)), "png"));
        files.add(write("gray.jpg", new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_GRAY), "jpg"));
        files.add(write("rgb.jpg", new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR), "jpg"));
        files.add(write("rgb.bmp", new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR), "bmp"));
        files.add(write("indexed.gif", new BufferedImage(7, 5, BufferedImage.TYPE_BYTE_INDEXED), "gif"));
        return files;
    }

    @Test
    void aPicturesHeaderGivesTheShapesAndFactsOfItsDecoding() throws IOException {
        List<ImageReadOptions> policies = List.of(ImageReadOptions.defaults(),
                ImageReadOptions.defaults().optChannels(ChannelPolicy.GRAY),
                ImageReadOptions.defaults().optChannels(ChannelPolicy.RGB),
                ImageReadOptions.defaults().optResize(3, 9));
        int grayFiles = 0;
        for (Path f : pictures()) {
            for (ImageReadOptions options : policies) {
                ImageDecoder.Decoded decoded = ImageDecoder.decodeWithFacts(f, options);
                ImageDecoder.Header header = ImageDecoder.readHeader(f, options);
                assertEquals(decoded.images().stream().map(Image::shape).toList(), header.shapes(), f + " " + options);
                assertEquals(decoded.facts(), header.facts(), f.toString());
            }
            grayFiles += ImageDecoder.readHeader(f, ImageReadOptions.defaults()).shapes().get(0).channels() == 1 ? 1 : 0;
        }
        assertEquals(5, grayFiles, "gray 8, gray 16, one-bit, gray palette and gray JPEG are one channel; the rest three");
    }

    @Test
    void aHeaderPassesACorruptBodyThatDecodingRefuses() throws IOException {
        Path whole = write("whole.png", new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), "png");
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.png");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(List.of(new org.selfsup4j.core.image.InputShape(1, 32, 32)),
                ImageDecoder.readHeader(cut, ImageReadOptions.defaults()).shapes());
        assertThrows(SelfSupException.class, () -> ImageDecoder.decodeWithFacts(cut, ImageReadOptions.defaults()));
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "hello");
        SelfSupException e = assertThrows(SelfSupException.class,
                () -> ImageDecoder.readHeader(text, ImageReadOptions.defaults()));
        assertEquals(ErrorCode.NOT_AN_IMAGE, e.code());
        assertTrue(e.getMessage().contains("notes.png"), e.getMessage());
    }

    @Test
    void aLazyFolderNamesACorruptFileWhenDecodedAndSkipBadSkipsItUpFront() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("unlabeled"));
        for (int i = 0; i < 3; i++) {
            Files.move(write("img" + i + ".png", new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY), "png"),
                    folder.resolve("img" + i + ".png"));
        }
        Path bad = folder.resolve("img1.png");
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ImageReadOptions lazy = ImageReadOptions.defaults().optDecoding(ImageReadOptions.Decoding.LAZY);

        ImageFolderReader.Result<List<Image>> read = new ImageFolderReader(lazy).readUnlabeled(folder);
        assertInstanceOf(FileImages.class, read.data());
        assertEquals(3, read.data().size(), "the header pass keeps the file");
        assertEquals(256, read.data().get(2).pixels().length);
        SelfSupException e = assertThrows(SelfSupException.class, () -> read.data().get(1));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());

        ImageFolderReader.Result<List<Image>> skipping = new ImageFolderReader(lazy.optSkipBad(true)).readUnlabeled(folder);
        assertEquals(List.of(bad), skipping.skipped());
        assertEquals(2, skipping.data().size());
    }
}
