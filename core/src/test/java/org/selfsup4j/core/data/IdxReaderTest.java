package org.selfsup4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx3(int count, int rows, int cols, int[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int p : pixels) {
            out.writeByte(p);
        }
        return bytes.toByteArray();
    }

    static byte[] idx1(int[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x801);
        out.writeInt(labels.length);
        for (int l : labels) {
            out.writeByte(l);
        }
        return bytes.toByteArray();
    }

    static void gzip(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    @Test
    void readsPixelsAsValueOver255InRowMajorOrder() throws IOException {
        Path f = dir.resolve("imgs");
        Files.write(f, idx3(2, 2, 3, new int[] {0, 255, 51, 102, 153, 204, 1, 2, 3, 4, 5, 6}));
        List<Image> images = IdxReader.readImages(f);
        assertEquals(2, images.size());
        Image first = images.get(0);
        assertEquals(1, first.channels());
        assertEquals(2, first.height());
        assertEquals(3, first.width());
        assertEquals(1f, first.get(0, 0, 1));
        assertEquals(0.2f, first.get(0, 0, 2), 1e-7);
        assertEquals(0.8f, first.get(0, 1, 2), 1e-7);
        assertEquals(6 / 255f, images.get(1).get(0, 1, 2), 1e-7);
    }

    @Test
    void readsGzippedFilesByContentNotByName() throws IOException {
        Path images = dir.resolve("a.bin");
        Path labels = dir.resolve("b.bin");
        gzip(images, idx3(3, 1, 1, new int[] {10, 20, 30}));
        gzip(labels, idx1(new int[] {2, 0, 1}));
        LabeledImages data = IdxReader.readLabeled(images, labels, List.of("a", "b", "c"));
        assertArrayEquals(new int[] {2, 0, 1}, data.labels());
        assertEquals(30 / 255f, data.image(2).get(0, 0, 0), 1e-7);
    }

    @Test
    void truncatedFileNamesTheFileAndTheImage() throws IOException {
        Path f = dir.resolve("short.idx");
        byte[] full = idx3(3, 2, 2, new int[12]);
        Files.write(f, java.util.Arrays.copyOf(full, full.length - 5));
        SelfSupException e = assertThrows(SelfSupException.class, () -> IdxReader.readImages(f));
        assertEquals(ErrorCode.BAD_IDX_FILE, e.code());
        assertTrue(e.getMessage().contains("short.idx") && e.getMessage().contains("image 1"), e.getMessage());
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        Path f = dir.resolve("labels-as-images");
        Files.write(f, idx1(new int[] {1, 2}));
        SelfSupException e = assertThrows(SelfSupException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("0x00000801"), e.getMessage());
    }

    @Test
    void labelOutsideTheClassListIsAnError() throws IOException {
        Path images = dir.resolve("i");
        Path labels = dir.resolve("l");
        Files.write(images, idx3(1, 1, 1, new int[] {0}));
        Files.write(labels, idx1(new int[] {5}));
        assertThrows(SelfSupException.class, () -> IdxReader.readLabeled(images, labels, List.of("a", "b")));
    }

    @Test
    void fashionMnistFromThePackageHasTheOfficialCountsAndKnownPixels() {
        Path folder = FashionMnist.DEBIAN_FOLDER;
        org.junit.jupiter.api.Assumptions.assumeTrue(FashionMnist.isPresent(folder), "dataset-fashion-mnist not installed");
        LabeledImages test = FashionMnist.load(folder, FashionMnist.Part.TEST);
        assertEquals(10_000, test.size());
        assertEquals(28, test.shape().height());
        // the first test image is an ankle boot (label 9); every class has 1,000 test images
        assertEquals(9, test.label(0));
        for (int count : test.classCounts()) {
            assertEquals(1000, count);
        }
    }
}
