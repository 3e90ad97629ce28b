package org.selfsup4j.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;

class ImageDecoderTest {
    @TempDir
    Path dir;

    @Test
    void sixteenBitGrayPngKeepsItsPrecision() throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] values = {0, 1, 257, 32768, 65534, 65535};
        for (int i = 0; i < 6; i++) {
            r.setSample(i % 3, i / 3, 0, values[i]);
        }
        Path f = dir.resolve("sixteen.png");
        ImageIO.write(img, "png", f.toFile());
        Image decoded = ImageDecoder.decode(f, ImageReadOptions.defaults());
        assertEquals(1, decoded.channels());
        for (int i = 0; i < 6; i++) {
            assertEquals(values[i] / 65535f, decoded.get(0, i / 3, i % 3), 0f, "sample " + i);
        }
        // 1/65535 survives: an 8-bit path would have turned it into 0
        assertTrue(decoded.get(0, 0, 1) > 0f);
    }

    @Test
    void rgbPngBecomesThreeChannelsInChwOrder() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xFF0080);
        img.setRGB(1, 0, 0x00FF00);
        Path f = dir.resolve("rgb.png");
        ImageIO.write(img, "png", f.toFile());
        Image decoded = ImageDecoder.decode(f, ImageReadOptions.defaults());
        assertEquals(3, decoded.channels());
        assertEquals(1f, decoded.get(0, 0, 0));
        assertEquals(0f, decoded.get(1, 0, 0));
        assertEquals(128 / 255f, decoded.get(2, 0, 0), 1e-7);
        assertEquals(1f, decoded.get(1, 0, 1));
        Image gray = ImageDecoder.decode(f, ImageReadOptions.defaults().optChannels(ChannelPolicy.GRAY));
        assertEquals(0.299f + 0.114f * 128 / 255f, gray.get(0, 0, 0), 1e-6);
    }

    @Test
    void textFileIsNotAnImage() throws IOException {
        Path f = dir.resolve("notes.png");
        Files.writeString(f, "hello");
        SelfSupException e = assertThrows(SelfSupException.class, () -> ImageDecoder.decode(f, ImageReadOptions.defaults()));
        assertEquals(ErrorCode.NOT_AN_IMAGE, e.code());
        assertTrue(e.getMessage().contains("notes.png"));
    }

    @Test
    void truncatedPngNamesTheFile() throws IOException {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        Path good = dir.resolve("good.png");
        ImageIO.write(img, "png", good.toFile());
        byte[] bytes = Files.readAllBytes(good);
        Path bad = dir.resolve("cut.png");
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        SelfSupException e = assertThrows(SelfSupException.class, () -> ImageDecoder.decode(bad, ImageReadOptions.defaults()));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("cut.png"));
    }

    @Test
    void bilinearResizeOfAConstantImageIsConstantAndHalvingAveragesPairs() {
        Image src = new Image(1, 2, 4, new float[] {0, 1, 2, 3, 4, 5, 6, 7});
        Image half = Resize.bilinear(src, 1, 2);
        // half-pixel centres: output x=0 samples input x=0.5 (between 0 and 1), y samples 0.5 (between rows)
        assertEquals((0 + 1 + 4 + 5) / 4f, half.get(0, 0, 0), 1e-6);
        assertEquals((2 + 3 + 6 + 7) / 4f, half.get(0, 0, 1), 1e-6);
    }

    /** A JPEG cut in the middle of its scan decodes with made-up gray pixels unless the decoder's warning is heeded. */
    @Test
    void aJpegCutMidScanIsUnreadable() throws IOException {
        BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random r = new java.util.Random(3);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, r.nextInt(0xFFFFFF));
            }
        }
        Path whole = dir.resolve("whole.jpg");
        ImageIO.write(img, "jpg", whole.toFile());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.jpg");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
        assertEquals(3, ImageDecoder.decode(whole, ImageReadOptions.defaults()).channels());
        SelfSupException e = assertThrows(SelfSupException.class, () -> ImageDecoder.decode(cut, ImageReadOptions.defaults()));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
        assertTrue(e.getMessage().contains("cut.jpg"), e.getMessage());
    }

    /** 1-bit and 4-bit gray PNGs are stored with a palette of grays: they are gray images, one channel. */
    @Test
    void lowBitGrayPngsAreOneChannel() throws IOException {
        BufferedImage binary = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(1, 0, 0, 1);
        binary.getRaster().setSample(3, 1, 0, 1);
        Path f = dir.resolve("one-bit.png");
        ImageIO.write(binary, "png", f.toFile());
        Image decoded = ImageDecoder.decode(f, ImageReadOptions.defaults());
        assertEquals(1, decoded.channels());
        assertEquals(1f, decoded.get(0, 0, 1));
        assertEquals(0f, decoded.get(0, 0, 0));
        assertEquals(1f, decoded.get(0, 1, 3));
    }

    /** A 4-channel (CMYK-like) JPEG cannot be read as RGB by dropping a channel: it is refused. */
    @Test
    void aFourChannelJpegIsRefusedNotMisread() throws IOException {
        WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, new int[] {10 * x, 20 * y, 200, 50});
            }
        }
        Path f = dir.resolve("cmyk.jpg");
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        SelfSupException e = assertThrows(SelfSupException.class, () -> ImageDecoder.decode(f, ImageReadOptions.defaults()));
        assertEquals(ErrorCode.BAD_IMAGE, e.code());
    }
}
