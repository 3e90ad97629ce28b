package org.selfsup4j.core.data.medical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small Explicit VR Little Endian DICOM files for tests, element by element. */
final class TinyDicom {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    TinyDicom text(int tag, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        if (v.length % 2 == 1) {
            v = (value + " ").getBytes(StandardCharsets.US_ASCII);
        }
        return element(tag, vr, v);
    }

    TinyDicom us(int tag, int value) {
        return element(tag, "US", ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) value).array());
    }

    /** 16-bit words as pixel data (OW). */
    TinyDicom pixels16(int... words) {
        ByteBuffer b = ByteBuffer.allocate(2 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putShort((short) w);
        }
        return element(0x7FE00010, "OW", b.array());
    }

    TinyDicom element(int tag, String vr, byte[] value) {
        ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        head.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.equals("OW") || vr.equals("OB") || vr.equals("SQ") || vr.equals("UN")) {
            head.putShort((short) 0).putInt(value.length);
        } else {
            head.putShort((short) value.length);
        }
        body.write(head.array(), 0, head.position());
        body.write(value, 0, value.length);
        return this;
    }

    /** A gray image's attributes: rows x columns, 16 bits allocated, {@code stored} stored, signed or not. */
    TinyDicom gray(int rows, int columns, int stored, boolean signed, String photometric) {
        return us(0x00280002, 1).text(0x00280004, "CS", photometric).us(0x00280010, rows).us(0x00280011, columns)
                .us(0x00280100, 16).us(0x00280101, stored).us(0x00280102, stored - 1).us(0x00280103, signed ? 1 : 0);
    }

    void write(Path file, String transferSyntax) throws IOException {
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        byte[] uid = (transferSyntax.length() % 2 == 1 ? transferSyntax + "\0" : transferSyntax)
                .getBytes(StandardCharsets.US_ASCII);
        ByteBuffer m = ByteBuffer.allocate(8 + uid.length).order(ByteOrder.LITTLE_ENDIAN);
        m.putShort((short) 0x0002).putShort((short) 0x0010).put("UI".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) uid.length).put(uid);
        meta.write(m.array(), 0, m.position());
        ByteArrayOutputStream file1 = new ByteArrayOutputStream();
        file1.write(new byte[128]);
        file1.write("DICM".getBytes(StandardCharsets.US_ASCII));
        file1.write(meta.toByteArray());
        file1.write(body.toByteArray());
        Files.write(file, file1.toByteArray());
    }
}
