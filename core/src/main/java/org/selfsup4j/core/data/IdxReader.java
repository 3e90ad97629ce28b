package org.selfsup4j.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.PackedImages;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST: unsigned-byte images ({@code idx3}, magic 0x00000803) and labels
 * ({@code idx1}, magic 0x00000801), gzipped or not (recognised by content, not by name). Pixels become
 * {@code value / 255} in a 1-channel {@link Image}.
 */
public final class IdxReader {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** All images of an idx3 file, held as bytes ({@link PackedImages}). */
    public static List<Image> readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw badFile(file, String.format("magic number 0x%08X, expected 0x%08X (idx3 unsigned-byte images)",
                        magic, IMAGES_MAGIC));
            }
            int count = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw badFile(file, "header says " + count + " images of " + rows + "x" + cols);
            }
            byte[] buffer = new byte[rows * cols];
            PackedImages.Builder images = PackedImages.builder(count);
            for (int i = 0; i < count; i++) {
                try {
                    in.readFully(buffer);
                } catch (EOFException e) {
                    throw badFile(file, "truncated: header says " + count + " images, file ends in image " + i);
                }
                float[] pixels = new float[buffer.length];
                for (int p = 0; p < buffer.length; p++) {
                    pixels[p] = (buffer[p] & 0xFF) / 255f;
                }
                images.add(new Image(1, rows, cols, pixels));
            }
            return images.build();
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** All labels of an idx1 file. */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw badFile(file, String.format("magic number 0x%08X, expected 0x%08X (idx1 unsigned-byte labels)",
                        magic, LABELS_MAGIC));
            }
            int count = in.readInt();
            if (count < 0) {
                throw badFile(file, "header says " + count + " labels");
            }
            byte[] bytes = new byte[count];
            try {
                in.readFully(bytes);
            } catch (EOFException e) {
                throw badFile(file, "truncated: header says " + count + " labels");
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw ioFailure(file, e);
        }
    }

    /** Images and labels together; the counts must agree and every label must name a class. */
    public static LabeledImages readLabeled(Path imagesFile, Path labelsFile, List<String> classNames) {
        List<Image> images = readImages(imagesFile);
        int[] labels = readLabels(labelsFile);
        if (images.size() != labels.length) {
            throw new SelfSupException(ErrorCode.BAD_IDX_FILE, imagesFile + " holds " + images.size()
                    + " images but " + labelsFile + " holds " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                throw badFile(labelsFile, "label " + labels[i] + " at index " + i + " but only "
                        + classNames.size() + " classes " + classNames);
            }
        }
        return new LabeledImages(images, labels, classNames);
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "IDX file not found: " + file, file.toString(),
                    List.of(), null);
        }
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
        return new DataInputStream(in);
    }

    private static SelfSupException badFile(Path file, String what) {
        return new SelfSupException(ErrorCode.BAD_IDX_FILE, "Bad IDX file " + file + ": " + what, file.toString(),
                List.of(), null);
    }

    private static SelfSupException ioFailure(Path file, IOException e) {
        if (e instanceof EOFException) {
            return badFile(file, "truncated header");
        }
        return new SelfSupException(ErrorCode.BAD_IDX_FILE, "Cannot read IDX file " + file + ": " + e.getMessage(),
                file.toString(), List.of(), e);
    }
}
