import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes the bad-inputs corpus: one labeled image folder per case (classes {@code a} and {@code b}, six good 16x16
 * gray PNGs each) plus the one file or link the case is about. Needs only a JDK:
 * {@code java cli/src/test/scripts/MakeBadInputs.java OUT_DIR}. Seeded, so every run writes the same bytes.
 * BadInputsCorpusTest runs it and then the CLI on every case; the expected behaviour of each is listed there.
 */
public final class MakeBadInputs {
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java MakeBadInputs.java OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Random random = new Random(11);

        Path truncated = goodFolder(out.resolve("truncated-jpeg"), random);
        byte[] jpeg = jpeg(noise(48, 48, random));
        Files.write(truncated.resolve("a/cut.jpg"), Arrays.copyOf(jpeg, jpeg.length * 3 / 5));

        Path cmyk = goodFolder(out.resolve("cmyk-jpeg"), random);
        Files.write(cmyk.resolve("a/cmyk.jpg"), fourChannelJpeg(16, 16));

        Path oneBit = goodFolder(out.resolve("one-bit-png"), random);
        BufferedImage binary = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_BINARY);
        for (int i = 0; i < 16; i++) {
            binary.getRaster().setSample(i, i, 0, 1);
        }
        ImageIO.write(binary, "png", oneBit.resolve("b/one-bit.png").toFile());

        Path zero = goodFolder(out.resolve("zero-byte"), random);
        Files.write(zero.resolve("a/empty.png"), new byte[0]);

        Path text = goodFolder(out.resolve("text-as-image"), random);
        Files.writeString(text.resolve("b/notes.png"), "these are my notes, not an image\n", StandardCharsets.UTF_8);

        Path loop = goodFolder(out.resolve("symlink-loop"), random);
        Files.createSymbolicLink(loop.resolve("a/loop"), Path.of(".."));

        Path dangling = goodFolder(out.resolve("dangling-link"), random);
        Files.createSymbolicLink(dangling.resolve("b/gone.png"), Path.of("deleted.png"));

        Path names = out.resolve("odd-names");
        for (String label : new String[] {"class with spaces", "klasse-äöü-日本"}) {
            Path folder = Files.createDirectories(names.resolve(label));
            for (int i = 0; i < 6; i++) {
                ImageIO.write(noise(16, 16, random), "png", folder.resolve("bild " + i + " ñ.png").toFile());
            }
        }
        System.out.println("bad-inputs corpus written to " + out);
    }

    /** A labeled folder with six good gray PNGs in each of a and b. */
    private static Path goodFolder(Path folder, Random random) throws IOException {
        for (String label : new String[] {"a", "b"}) {
            Path classFolder = Files.createDirectories(folder.resolve(label));
            for (int i = 0; i < 6; i++) {
                ImageIO.write(noise(16, 16, random), "png", classFolder.resolve(i + ".png").toFile());
            }
        }
        return folder;
    }

    private static BufferedImage noise(int width, int height, Random random) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", bytes);
        return bytes.toByteArray();
    }

    /** A JPEG of four colour components, as CMYK files are stored. */
    private static byte[] fourChannelJpeg(int width, int height) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, new int[] {10 * x, 12 * y, 200, 40});
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
