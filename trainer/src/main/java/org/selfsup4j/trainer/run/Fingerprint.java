package org.selfsup4j.trainer.run;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.selfsup4j.core.image.Image;

/** A SHA-256 over the shape and pixels of a list of images (and optional labels): the data's identity in run.json. */
public final class Fingerprint {
    private Fingerprint() {
    }

    public static String of(List<Image> images, int[] labels) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
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
            if (labels != null) {
                for (int l : labels) {
                    md.update((byte) l);
                    md.update((byte) (l >>> 8));
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
