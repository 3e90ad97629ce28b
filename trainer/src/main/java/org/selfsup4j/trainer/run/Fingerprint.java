package org.selfsup4j.trainer.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.FileImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;

/**
 * The data's identity in run.json: a SHA-256 over a list of images (and optional labels). Images in memory are hashed
 * by shape and pixels ({@code sha256:...}). Images left on disk ({@link FileImages}, decoded lazily) are hashed by
 * their files' bytes, image index in the file and shape ({@code sha256-files:...}), so that the fingerprint does not
 * decode the whole data set before training; the same folder read up front and lazily thus has two fingerprints, each
 * stable for its mode (the read options that turn bytes into pixels are in run.json's configuration).
 */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(List<Image> images, int[] labels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            String kind = images instanceof FileImages onDisk ? hashFiles(onDisk, md) : hashPixels(images, md);
            if (labels != null) {
                for (int l : labels) {
                    md.update((byte) l);
                    md.update((byte) (l >>> 8));
                }
            }
            return kind + ":" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hashFiles(FileImages images, MessageDigest md) throws NoSuchAlgorithmException {
        MessageDigest file = MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(16);
        Path last = null;
        byte[] lastDigest = null;
        for (int i = 0; i < images.size(); i++) {
            Path path = images.file(i);
            if (!path.equals(last)) {   // the images of one file are consecutive: each file is read once
                try {
                    lastDigest = file.digest(Files.readAllBytes(path));
                } catch (IOException e) {
                    throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot read " + path + " to fingerprint the data: "
                            + e.getMessage(), path.toString(), List.of(), e);
                }
                last = path;
            }
            md.update(lastDigest);
            InputShape shape = images.shape(i);
            buf.clear();
            buf.putInt(images.indexInFile(i)).putInt(shape.channels()).putInt(shape.height()).putInt(shape.width());
            md.update(buf.array(), 0, buf.position());
        }
        return "sha256-files";
    }

    private static String hashPixels(List<Image> images, MessageDigest md) {
        ByteBuffer buf = ByteBuffer.allocate(4 * 4096);
        for (Image img : images) {
            buf.clear();
            buf.putInt(img.channels()).putInt(img.height()).putInt(img.width());
            md.update(buf.array(), 0, buf.position());
            float[] px = img.pixels();
            for (int i = 0; i < px.length; i += 4096) {
                buf.clear();
                int n = Math.min(4096, px.length - i);
                buf.asFloatBuffer().put(px, i, n);
                md.update(buf.array(), 0, 4 * n);
            }
        }
        return "sha256";
    }
}
