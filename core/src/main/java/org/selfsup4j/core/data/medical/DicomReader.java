package org.selfsup4j.core.data.medical;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Reads DICOM files (PS3.10 with the 128-byte preamble and "DICM", or a bare PS3.5 data set) whose pixel data is
 * native — Implicit VR Little Endian, Explicit VR Little Endian, Deflated Explicit VR Little Endian, Explicit VR
 * Big Endian — or RLE Lossless (PS3.5 Annex G). Other compressed pixel data — JPEG, JPEG-LS, JPEG 2000 — is an error
 * naming the file and the transfer syntax. Only the top-level data set is read (sequences are skipped, so per-frame functional groups
 * of enhanced multi-frame files are not honoured; a Modality LUT Sequence is an error rather than ignored).
 *
 * <p>Stored values follow PS3.5 8.1.1: the low Bits Stored bits of each Bits Allocated word, sign-extended when
 * Pixel Representation is 1; 1-bit data is packed least significant bit first. Pixel data shorter than the image
 * attributes require is an error (a truncated file), longer is accepted (padding). Checked value for value against
 * pydicom on its own test files ({@code DicomAgainstPydicomTest}).
 */
public final class DicomReader {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String RLE = "1.2.840.10008.1.2.5";
    private static final Map<String, String> COMPRESSED = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended"),
            Map.entry("1.2.840.10008.1.2.4.57", "JPEG Lossless"),
            Map.entry("1.2.840.10008.1.2.4.70", "JPEG Lossless SV1"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"));
    /** A transfer syntax's name, e.g. {@code Explicit VR Little Endian}, or the UID when it is not known. */
    public static String syntaxName(String uid) {
        return switch (uid) {
            case IMPLICIT_LE -> "Implicit VR Little Endian";
            case EXPLICIT_LE -> "Explicit VR Little Endian";
            case DEFLATED_LE -> "Deflated Explicit VR Little Endian";
            case EXPLICIT_BE -> "Explicit VR Big Endian";
            case RLE -> "RLE Lossless";
            default -> COMPRESSED.getOrDefault(uid, uid);
        };
    }

    private static final Set<String> LONG_LENGTH_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN",
            "UR", "UT", "SV", "UV");
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_END = 0xFFFEE00D;
    private static final int SEQUENCE_END = 0xFFFEE0DD;
    private static final int TRANSFER_SYNTAX = 0x00020010;
    private static final int MODALITY = 0x00080060;
    private static final int SAMPLES_PER_PIXEL = 0x00280002;
    private static final int PHOTOMETRIC = 0x00280004;
    private static final int PLANAR_CONFIGURATION = 0x00280006;
    private static final int NUMBER_OF_FRAMES = 0x00280008;
    private static final int ROWS = 0x00280010;
    private static final int COLUMNS = 0x00280011;
    private static final int BITS_ALLOCATED = 0x00280100;
    private static final int BITS_STORED = 0x00280101;
    private static final int PIXEL_REPRESENTATION = 0x00280103;
    private static final int WINDOW_CENTER = 0x00281050;
    private static final int WINDOW_WIDTH = 0x00281051;
    private static final int RESCALE_INTERCEPT = 0x00281052;
    private static final int RESCALE_SLOPE = 0x00281053;
    private static final int MODALITY_LUT = 0x00283000;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final Set<Integer> WANTED = Set.of(TRANSFER_SYNTAX, MODALITY, SAMPLES_PER_PIXEL, PHOTOMETRIC,
            PLANAR_CONFIGURATION, NUMBER_OF_FRAMES, ROWS, COLUMNS, BITS_ALLOCATED, BITS_STORED, PIXEL_REPRESENTATION,
            WINDOW_CENTER, WINDOW_WIDTH, RESCALE_INTERCEPT, RESCALE_SLOPE, MODALITY_LUT, PIXEL_DATA);

    private DicomReader() {
    }

    /**
     * Whether {@code head} (the first bytes of a file, at least 132 to tell) starts like DICOM: "DICM" after the
     * preamble, or a bare data set beginning with a group 0008 element in little-endian order.
     */
    public static boolean looksLikeDicom(byte[] head) {
        if (head.length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M') {
            return true;
        }
        return head.length >= 8 && head[0] == 0x08 && head[1] == 0 && head[3] == 0
                && Character.isUpperCase(head[4]) && Character.isUpperCase(head[5]);
    }

    /** Reads {@code file}; every failure is a {@link SelfSupException} naming the file. */
    public static DicomFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e.getMessage(),
                    file.toString(), List.of(), e);
        }
        try {
            return new Parse(file, bytes).run();
        } catch (RuntimeException e) {
            if (e instanceof SelfSupException s) {
                throw s;
            }
            throw bad(file, "its data set cannot be parsed (" + e + "); the file may be truncated or not DICOM");
        }
    }

    static SelfSupException bad(Path file, String why) {
        return new SelfSupException(ErrorCode.BAD_IMAGE, "DICOM file " + file + ": " + why, file.toString(), List.of(),
                null);
    }

    /** One parse: the file's bytes, the position and the encoding in force. */
    private static final class Parse {
        private final Path file;
        private ByteBuffer buffer;
        private boolean explicit = true;
        /** Raw value bytes of the wanted top-level elements, and the value representation they had. */
        private final Map<Integer, byte[]> values = new HashMap<>();
        private final Map<Integer, String> vrs = new HashMap<>();
        private boolean encapsulated;
        /** The fragments of encapsulated pixel data (the basic offset table left out). */
        private final List<byte[]> fragments = new ArrayList<>();

        Parse(Path file, byte[] bytes) {
            this.file = file;
            this.buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        DicomFile run() {
            String syntax;
            boolean preamble = buffer.limit() >= 132 && new String(buffer.array(), 128, 4, StandardCharsets.US_ASCII)
                    .equals("DICM");
            if (preamble) {
                buffer.position(132);
                readMeta();
                syntax = text(TRANSFER_SYNTAX);
                if (syntax.isEmpty()) {
                    throw bad(file, "its file meta information has no Transfer Syntax UID (0002,0010)");
                }
            } else {
                byte[] b = buffer.array();
                boolean vrFollows = b.length > 6 && Character.isUpperCase(b[4]) && Character.isUpperCase(b[5]);
                syntax = vrFollows ? EXPLICIT_LE : IMPLICIT_LE;   // a bare data set: tell by what follows its first tag
            }
            switch (syntax) {
                case IMPLICIT_LE -> explicit = false;
                case EXPLICIT_LE, RLE -> explicit = true;
                case EXPLICIT_BE -> {
                    explicit = true;
                    buffer.order(ByteOrder.BIG_ENDIAN);
                }
                case DEFLATED_LE -> {
                    explicit = true;
                    inflateRest();
                }
                default -> throw bad(file, "its pixel data is compressed as " + COMPRESSED.getOrDefault(syntax,
                        "an unknown transfer syntax") + " (" + syntax + "), which is not read; native (uncompressed)"
                        + ", deflated and RLE syntaxes are. Convert it first, e.g. dcmdjpeg / gdcmconv --raw");
            }
            readDataSet(buffer.limit(), 0);
            if (values.containsKey(MODALITY_LUT)) {
                throw bad(file, "it maps stored values through a Modality LUT Sequence (0028,3000), which is not read");
            }
            if (encapsulated != syntax.equals(RLE)) {
                throw bad(file, encapsulated ? "its pixel data is encapsulated (compressed) although the transfer "
                        + "syntax " + syntax + " is native" : "its RLE pixel data is not encapsulated");
            }
            if (!values.containsKey(PIXEL_DATA)) {
                throw bad(file, "it has no Pixel Data (7FE0,0010): not an image (a report, a structure set, ...)");
            }
            return pixels(syntax);
        }

        private void readMeta() {
            ByteOrder order = buffer.order();
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.remaining() >= 8 && (buffer.getShort(buffer.position()) & 0xFFFF) == 0x0002) {
                readElement(0);
            }
            buffer.order(order);
        }

        private void inflateRest() {
            Inflater inflater = new Inflater(true);
            inflater.setInput(buffer.array(), buffer.position(), buffer.remaining());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1 << 16];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(chunk);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    out.write(chunk, 0, n);
                }
            } catch (DataFormatException e) {
                throw bad(file, "its deflated data set cannot be inflated (" + e.getMessage() + ")");
            } finally {
                inflater.end();
            }
            buffer = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** Reads elements until {@code end} or an item delimiter; keeps the wanted ones at depth 0. */
        private void readDataSet(long end, int depth) {
            while (buffer.position() < end && buffer.remaining() >= 8) {
                int tag = tag();
                if (tag == ITEM_END) {
                    buffer.getInt();
                    return;
                }
                buffer.position(buffer.position() - 4);
                readElement(depth);
            }
        }

        private int tag() {
            int group = buffer.getShort() & 0xFFFF;
            int element = buffer.getShort() & 0xFFFF;
            return group << 16 | element;
        }

        private void readElement(int depth) {
            int tag = tag();
            String vr = null;
            long length;
            if (explicit && (tag >>> 16) != 0xFFFE) {
                vr = new String(new byte[] {buffer.get(), buffer.get()}, StandardCharsets.US_ASCII);
                if (LONG_LENGTH_VRS.contains(vr)) {
                    buffer.getShort();
                    length = buffer.getInt() & 0xFFFFFFFFL;
                } else if (Character.isUpperCase(vr.charAt(0)) && Character.isUpperCase(vr.charAt(1))) {
                    length = buffer.getShort() & 0xFFFF;
                } else {
                    throw bad(file, "element " + hex(tag) + " has no valid value representation [" + vr + "]");
                }
            } else {
                length = buffer.getInt() & 0xFFFFFFFFL;
            }
            if (length == UNDEFINED) {
                if (tag == PIXEL_DATA && depth == 0) {
                    encapsulated = true;
                    readFragments();
                    values.put(PIXEL_DATA, new byte[0]);
                    return;
                }
                boolean wasExplicit = explicit;
                if ("UN".equals(vr)) {
                    explicit = false;   // PS3.5 6.2.2: an undefined-length UN holds implicit VR little endian
                }
                skipSequence(depth);
                explicit = wasExplicit;
                return;
            }
            if (length > buffer.remaining()) {
                if (tag == PIXEL_DATA && depth == 0) {
                    throw bad(file, "its pixel data is cut short: " + buffer.remaining() + " of " + length
                            + " bytes are in the file (a truncated copy?)");
                }
                throw bad(file, "element " + hex(tag) + " claims " + length + " bytes, but only "
                        + buffer.remaining() + " remain (a truncated file?)");
            }
            if (depth == 0 && WANTED.contains(tag)) {
                byte[] value = new byte[(int) length];
                buffer.get(value);
                values.put(tag, value);
                vrs.put(tag, vr);
            } else {
                buffer.position(buffer.position() + (int) length);
            }
        }

        /** Encapsulated pixel data (PS3.5 A.4): a basic offset table item, then one item per fragment. */
        private void readFragments() {
            boolean offsetTable = true;
            while (buffer.remaining() >= 8) {
                int tag = tag();
                long length = buffer.getInt() & 0xFFFFFFFFL;
                if (tag == SEQUENCE_END) {
                    return;
                }
                if (tag != ITEM || length > buffer.remaining()) {
                    throw bad(file, "its encapsulated pixel data is broken or cut short at byte " + buffer.position());
                }
                byte[] fragment = new byte[(int) length];
                buffer.get(fragment);
                if (!offsetTable) {
                    fragments.add(fragment);
                }
                offsetTable = false;
            }
            throw bad(file, "its encapsulated pixel data is not closed (a truncated file?)");
        }

        /** Skips an undefined-length sequence (or encapsulated pixel data): items until the sequence delimiter. */
        private void skipSequence(int depth) {
            while (buffer.remaining() >= 8) {
                int tag = tag();
                long length = buffer.getInt() & 0xFFFFFFFFL;
                if (tag == SEQUENCE_END) {
                    return;
                }
                if (tag != ITEM) {
                    throw bad(file, "a sequence holds " + hex(tag) + " where an item was expected");
                }
                if (length == UNDEFINED) {
                    readDataSet(Long.MAX_VALUE, depth + 1);
                } else {
                    buffer.position(buffer.position() + (int) length);
                }
            }
            throw bad(file, "a sequence is not closed before the end of the file (a truncated file?)");
        }

        private DicomFile pixels(String syntax) {
            int rows = integer(ROWS, -1);
            int columns = integer(COLUMNS, -1);
            int bitsAllocated = integer(BITS_ALLOCATED, -1);
            if (rows <= 0 || columns <= 0 || bitsAllocated <= 0) {
                throw bad(file, "its image attributes are missing or invalid: Rows " + rows + ", Columns " + columns
                        + ", Bits Allocated " + bitsAllocated);
            }
            int bitsStored = integer(BITS_STORED, bitsAllocated);
            boolean signed = integer(PIXEL_REPRESENTATION, 0) == 1;
            int samples = integer(SAMPLES_PER_PIXEL, 1);
            String photometric = text(PHOTOMETRIC);
            int frames = Math.max(1, (int) number(NUMBER_OF_FRAMES, 1));
            // RLE is decoded to interleaved samples whatever the file's Planar Configuration says
            boolean planar = !syntax.equals(RLE) && integer(PLANAR_CONFIGURATION, 0) == 1;
            if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
                throw bad(file, "Bits Allocated is " + bitsAllocated + "; 1, 8, 16 and 32 are read");
            }
            if (bitsStored < 1 || bitsStored > bitsAllocated) {
                throw bad(file, "Bits Stored " + bitsStored + " does not fit Bits Allocated " + bitsAllocated);
            }
            boolean subsampled = photometric.equals("YBR_FULL_422");
            if (samples == 1 ? !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))
                    : samples != 3 || !(photometric.equals("RGB") || photometric.equals("YBR_FULL") || subsampled)) {
                throw bad(file, "Photometric Interpretation [" + photometric + "] with " + samples + " samples per "
                        + "pixel is not read; MONOCHROME1, MONOCHROME2, RGB, YBR_FULL and YBR_FULL_422 are");
            }
            if (subsampled && (bitsAllocated != 8 || columns % 2 != 0)) {
                throw bad(file, "YBR_FULL_422 is read with 8-bit samples and an even number of columns only");
            }
            long perFrameSamples = subsampled ? 2L * rows * columns : (long) rows * columns * samples;
            long frameBits = perFrameSamples * bitsAllocated;
            long needed = (frameBits * frames + 7) / 8;
            byte[] data = syntax.equals(RLE) ? rleFrames(frames, (int) perFrameSamples, bitsAllocated, samples)
                    : values.get(PIXEL_DATA);
            if (data.length < needed) {
                throw bad(file, "its pixel data has " + data.length + " bytes but " + frames + " frame(s) of " + rows
                        + "x" + columns + "x" + samples + " at " + bitsAllocated + " bits need " + needed
                        + " (a truncated file?)");
            }
            ByteBuffer pixels = ByteBuffer.wrap(data).order(buffer.order());
            if (buffer.order() == ByteOrder.BIG_ENDIAN && bitsAllocated == 8 && "OW".equals(vrs.get(PIXEL_DATA))) {
                pixels = swapWords(data);   // OW is a stream of 16-bit words: in big endian their bytes are swapped
            }
            List<double[]> out = new ArrayList<>();
            for (int f = 0; f < frames; f++) {
                double[] stored = new double[(int) perFrameSamples];
                for (int i = 0; i < stored.length; i++) {
                    stored[i] = sample(pixels, f * frameBits + (long) i * bitsAllocated, bitsAllocated, bitsStored,
                            signed);
                }
                out.add(subsampled ? expand422(stored, rows, columns)
                        : samples == 3 && !planar ? channelMajor(stored, rows * columns) : stored);
            }
            return new DicomFile(out, rows, columns, samples, photometric, bitsAllocated, bitsStored, signed,
                    number(RESCALE_SLOPE, 1), number(RESCALE_INTERCEPT, 0), number(WINDOW_CENTER, Double.NaN),
                    number(WINDOW_WIDTH, Double.NaN), text(MODALITY), syntax);
        }

        /**
         * RLE Lossless (PS3.5 Annex G): one fragment per frame, a 64-byte header of segment offsets, one PackBits
         * segment per byte plane (most significant byte first) of each sample. Returns the frames as native
         * little-endian words with interleaved samples, so the native path reads them.
         */
        private byte[] rleFrames(int frames, int perFrameSamples, int bitsAllocated, int samples) {
            if (bitsAllocated == 1) {
                throw bad(file, "RLE with 1-bit samples is not read");
            }
            if (fragments.size() != frames) {
                throw bad(file, "its RLE pixel data has " + fragments.size() + " fragments for " + frames
                        + " frames; one fragment per frame is read");
            }
            int bytes = bitsAllocated / 8;
            int pixels = perFrameSamples / samples;
            ByteBuffer out = ByteBuffer.allocate(frames * perFrameSamples * bytes).order(ByteOrder.LITTLE_ENDIAN);
            buffer.order(ByteOrder.LITTLE_ENDIAN);
            for (int f = 0; f < frames; f++) {
                ByteBuffer fragment = ByteBuffer.wrap(fragments.get(f)).order(ByteOrder.LITTLE_ENDIAN);
                int segments = fragment.getInt(0);
                if (segments != samples * bytes) {
                    throw bad(file, "frame " + f + " has " + segments + " RLE segments; " + samples * bytes
                            + " expected");
                }
                for (int seg = 0; seg < segments; seg++) {
                    int start = fragment.getInt(4 + 4 * seg);
                    int end = seg + 1 < segments ? fragment.getInt(8 + 4 * seg) : fragment.limit();
                    byte[] plane = unpackBits(fragment.array(), start, end, pixels, f);
                    int sample = seg / bytes;
                    int significance = bytes - 1 - seg % bytes;   // segment 0 holds the most significant byte
                    for (int p = 0; p < pixels; p++) {
                        int at = ((f * pixels + p) * samples + sample) * bytes + significance;
                        out.put(at, plane[p]);
                    }
                }
            }
            return out.array();
        }

        /** PackBits: n in 0..127 copies n + 1 bytes, n in -127..-1 repeats the next byte 1 - n times, -128 is nothing. */
        private byte[] unpackBits(byte[] in, int start, int end, int length, int frame) {
            byte[] out = new byte[length];
            int o = 0;
            int i = start;
            while (i < end && o < length) {
                int n = in[i++];
                if (n >= 0) {
                    int count = Math.min(n + 1, Math.min(length - o, end - i));
                    System.arraycopy(in, i, out, o, count);
                    i += n + 1;
                    o += count;
                } else if (n != -128) {
                    int count = Math.min(1 - n, length - o);
                    java.util.Arrays.fill(out, o, o + count, in[i++]);
                    o += count;
                }
            }
            if (o < length) {
                throw bad(file, "an RLE segment of frame " + frame + " decodes to " + o + " of " + length
                        + " bytes (a truncated file?)");
            }
            return out;
        }

        private static ByteBuffer swapWords(byte[] data) {
            byte[] swapped = data.clone();
            for (int i = 0; i + 1 < swapped.length; i += 2) {
                swapped[i] = data[i + 1];
                swapped[i + 1] = data[i];
            }
            return ByteBuffer.wrap(swapped);
        }

        /** The stored value at bit {@code bit}: the low {@code stored} bits of the word, sign-extended if signed. */
        private static double sample(ByteBuffer pixels, long bit, int allocated, int stored, boolean signed) {
            long word = switch (allocated) {
                case 1 -> (pixels.get((int) (bit >>> 3)) >>> (bit & 7)) & 1;
                case 8 -> pixels.get((int) (bit >>> 3)) & 0xFFL;
                case 16 -> pixels.getShort((int) (bit >>> 3)) & 0xFFFFL;
                default -> pixels.getInt((int) (bit >>> 3)) & 0xFFFFFFFFL;
            };
            long value = word & ((1L << stored) - 1);
            if (signed && (value >>> (stored - 1)) == 1) {
                value -= 1L << stored;
            }
            return value;
        }

        private static double[] channelMajor(double[] interleaved, int pixels) {
            double[] out = new double[interleaved.length];
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < 3; c++) {
                    out[c * pixels + p] = interleaved[3 * p + c];
                }
            }
            return out;
        }

        /** YBR_FULL_422: each pair of pixels is stored Y1 Y2 Cb Cr; both pixels get the pair's Cb and Cr. */
        private static double[] expand422(double[] stored, int rows, int columns) {
            int pixels = rows * columns;
            double[] out = new double[3 * pixels];
            for (int pair = 0; pair < pixels / 2; pair++) {
                for (int k = 0; k < 2; k++) {
                    int p = 2 * pair + k;
                    out[p] = stored[4 * pair + k];
                    out[pixels + p] = stored[4 * pair + 2];
                    out[2 * pixels + p] = stored[4 * pair + 3];
                }
            }
            return out;
        }

        private String text(int tag) {
            byte[] v = values.get(tag);
            return v == null ? "" : new String(v, StandardCharsets.ISO_8859_1).replace('\0', ' ').trim();
        }

        /** A US value, or a decimal/integer string's first value. */
        private int integer(int tag, int absent) {
            byte[] v = values.get(tag);
            if (v == null || v.length == 0) {
                return absent;
            }
            if ("US".equals(vrs.get(tag)) || (vrs.get(tag) == null && v.length == 2 && tag != NUMBER_OF_FRAMES)) {
                return ByteBuffer.wrap(v).order(buffer.order()).getShort() & 0xFFFF;
            }
            return (int) number(tag, absent);
        }

        /** A DS or IS value's first number ({@code a\b} multi-values), or {@code absent}. */
        private double number(int tag, double absent) {
            String s = text(tag);
            if (s.isEmpty()) {
                return absent;
            }
            String first = s.split("\\\\")[0].trim();
            try {
                return Double.parseDouble(first);
            } catch (NumberFormatException e) {
                throw bad(file, "element " + hex(tag) + " holds [" + s + "] where a number was expected");
            }
        }

        private static String hex(int tag) {
            return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
        }
    }
}
