package org.selfsup4j.core.data.medical;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Reads NIfTI-1 single-file volumes ({@code .nii}, {@code .nii.gz}) against the NIfTI-1 specification (nifti1.h):
 * either byte order (told by {@code sizeof_hdr}), 3-D and 4-D data (4-D is read here, for checking against nibabel,
 * but not cut into training images: {@link VolumeImages}) of types uint8, int8, int16, uint16, int32,
 * uint32, float32 and float64, {@code scl_slope}/{@code scl_inter} applied (slope 0 or NaN means none).
 *
 * <p>Orientation: the voxel-to-world affine is the sform when {@code sform_code > 0}, else the qform (quaternion,
 * {@code qfac} from {@code pixdim[0]}) when {@code qform_code > 0}, else Analyze's {@code diag(-dx, dy, dz)} — the
 * order nibabel uses. Each voxel axis is assigned the nearest world axis, greedily as nibabel's
 * {@code io_orientation} does (without its SVD step, so a strongly sheared affine may be assigned differently), and
 * the volume is reordered to RAS+ (x toward the subject's right, y anterior, z superior): what nibabel's
 * {@code as_closest_canonical} gives. Not honoured: resampling of oblique volumes (the nearest axes are used as they
 * are), voxel sizes (slices keep their voxel grid), {@code .hdr}/{@code .img} pairs and NIfTI-2 (refused). Checked
 * value for value against nibabel ({@code NiftiAgainstNibabelTest}).
 */
public final class NiftiReader {
    private NiftiReader() {
    }

    /** Whether {@code file}'s name says NIfTI. */
    public static boolean isNifti(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".nii") || name.endsWith(".nii.gz");
    }

    public static NiftiVolume read(Path file) {
        byte[] bytes;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw bad(file, "it cannot be read (" + e.getMessage() + "): truncated or not gzip/NIfTI?");
        }
        return parse(file, bytes);
    }

    static SelfSupException bad(Path file, String why) {
        return new SelfSupException(ErrorCode.BAD_IMAGE, "NIfTI file " + file + ": " + why, file.toString(), List.of(),
                null);
    }

    private static NiftiVolume parse(Path file, byte[] bytes) {
        if (bytes.length < 348) {
            throw bad(file, "it has " + bytes.length + " bytes, fewer than a NIfTI-1 header's 348");
        }
        ByteBuffer h = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (h.getInt(0) != 348) {
            h.order(ByteOrder.BIG_ENDIAN);
            if (h.getInt(0) != 348) {
                int little = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
                throw bad(file, little == 540 || h.getInt(0) == 540 ? "it is NIfTI-2, which is not read (NIfTI-1 is)"
                        : "sizeof_hdr is " + little + ", not 348: not a NIfTI-1 file");
            }
        }
        String magic = new String(bytes, 344, 3, java.nio.charset.StandardCharsets.US_ASCII);
        if (!magic.equals("n+1")) {
            throw bad(file, "its magic is [" + magic.trim() + "], not n+1 (a .hdr/.img pair or Analyze file is not read)");
        }
        int rank = h.getShort(40);
        int[] dim = new int[4];
        for (int d = 0; d < 4; d++) {
            dim[d] = d < rank ? h.getShort(42 + 2 * d) : 1;
        }
        if (rank < 2 || rank > 4 || (rank == 4 && dim[3] < 1) || dim[0] < 1 || dim[1] < 1 || dim[2] < 1) {
            throw bad(file, "dim is " + rank + "-D " + java.util.Arrays.toString(dim) + "; 2-D, 3-D and 4-D volumes "
                    + "(x, y, z, time) are read");
        }
        int datatype = h.getShort(70);
        int bytesPer = switch (datatype) {
            case 2, 256 -> 1;
            case 4, 512 -> 2;
            case 8, 16, 768 -> 4;
            case 64 -> 8;
            default -> throw bad(file, "datatype " + datatype + " is not read; uint8 (2), int8 (256), int16 (4), "
                    + "uint16 (512), int32 (8), uint32 (768), float32 (16) and float64 (64) are");
        };
        long voxels = (long) dim[0] * dim[1] * dim[2] * dim[3];
        long offset = (long) h.getFloat(108);
        if (offset < 352) {
            offset = 352;
        }
        if (voxels > Integer.MAX_VALUE / 4 || offset + voxels * bytesPer > bytes.length) {
            throw bad(file, "its data needs " + (offset + voxels * bytesPer) + " bytes but the file has "
                    + bytes.length + " (a truncated file?)");
        }
        double slope = h.getFloat(112);
        double intercept = h.getFloat(116);
        boolean scaled = slope != 0 && !Double.isNaN(slope);
        float[] values = new float[(int) voxels];
        for (int i = 0; i < values.length; i++) {
            int at = (int) (offset + (long) i * bytesPer);
            double v = switch (datatype) {
                case 2 -> bytes[at] & 0xFF;
                case 256 -> bytes[at];
                case 4 -> h.getShort(at);
                case 512 -> h.getShort(at) & 0xFFFF;
                case 8 -> h.getInt(at);
                case 768 -> h.getInt(at) & 0xFFFFFFFFL;
                case 16 -> h.getFloat(at);
                default -> h.getDouble(at);
            };
            values[i] = (float) (scaled ? v * slope + intercept : v);
        }
        int[][] orientation = orientation(affine(h));
        String type = switch (datatype) {
            case 2 -> "uint8";
            case 256 -> "int8";
            case 4 -> "int16";
            case 512 -> "uint16";
            case 8 -> "int32";
            case 768 -> "uint32";
            case 16 -> "float32";
            default -> "float64";
        };
        return canonical(values, dim, orientation, h.getFloat(124), h.getFloat(128), type);
    }

    /** The 3x3 part of the voxel-to-world affine nibabel would use (sform, else qform, else Analyze's). */
    static double[][] affine(ByteBuffer h) {
        double[] pixdim = new double[8];
        for (int i = 0; i < 8; i++) {
            pixdim[i] = h.getFloat(76 + 4 * i);
        }
        if (h.getShort(254) > 0) {
            double[][] m = new double[3][3];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    m[r][c] = h.getFloat(280 + 16 * r + 4 * c);
                }
            }
            return m;
        }
        if (h.getShort(252) > 0) {
            double b = h.getFloat(256);
            double c = h.getFloat(260);
            double d = h.getFloat(264);
            double a2 = 1 - (b * b + c * c + d * d);
            double a = a2 < 1e-7 ? 0 : Math.sqrt(a2);
            if (a == 0) {   // nifti1_io: a 180-degree rotation; renormalise b, c, d
                double n = Math.sqrt(b * b + c * c + d * d);
                b /= n;
                c /= n;
                d /= n;
            }
            double qfac = pixdim[0] < 0 ? -1 : 1;
            double[][] r = {
                {a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)},
                {2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)},
                {2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b}};
            for (int row = 0; row < 3; row++) {
                r[row][0] *= pixdim[1];
                r[row][1] *= pixdim[2];
                r[row][2] *= pixdim[3] * qfac;
            }
            return r;
        }
        return new double[][] {{-pixdim[1], 0, 0}, {0, pixdim[2], 0}, {0, 0, pixdim[3]}};
    }

    /**
     * For each voxel axis: {world axis (0 = x/R, 1 = y/A, 2 = z/S), +1 or -1}. Columns normalised, then for each
     * voxel axis in turn the world axis of its largest component, whose row is then zeroed (nibabel's greedy rule).
     */
    static int[][] orientation(double[][] affine) {
        double[][] m = new double[3][3];
        for (int c = 0; c < 3; c++) {
            double norm = Math.sqrt(affine[0][c] * affine[0][c] + affine[1][c] * affine[1][c] + affine[2][c] * affine[2][c]);
            for (int r = 0; r < 3; r++) {
                m[r][c] = affine[r][c] / (norm == 0 ? 1 : norm);
            }
        }
        int[][] out = new int[3][];
        boolean[] used = new boolean[3];
        for (int c = 0; c < 3; c++) {
            int best = -1;
            for (int r = 0; r < 3; r++) {
                if (!used[r] && (best < 0 || Math.abs(m[r][c]) > Math.abs(m[best][c]))) {
                    best = r;
                }
            }
            used[best] = true;
            out[c] = new int[] {best, m[best][c] < 0 ? -1 : 1};
        }
        return out;
    }

    /** The volume reordered (and flipped) to RAS+, x fastest. */
    private static NiftiVolume canonical(float[] values, int[] dim, int[][] orientation, double calMin, double calMax,
                                         String type) {
        int[] size = new int[3];
        for (int i = 0; i < 3; i++) {
            size[orientation[i][0]] = dim[i];
        }
        int perVolume = dim[0] * dim[1] * dim[2];
        float[] out = new float[values.length];
        int[] v = new int[3];
        int[] w = new int[3];
        for (int t = 0; t < dim[3]; t++) {
            for (int k = 0; k < dim[2]; k++) {
                for (int j = 0; j < dim[1]; j++) {
                    for (int i = 0; i < dim[0]; i++) {
                        v[0] = i;
                        v[1] = j;
                        v[2] = k;
                        for (int a = 0; a < 3; a++) {
                            int world = orientation[a][0];
                            w[world] = orientation[a][1] > 0 ? v[a] : dim[a] - 1 - v[a];
                        }
                        out[t * perVolume + (w[2] * size[1] + w[1]) * size[0] + w[0]]
                                = values[t * perVolume + (k * dim[1] + j) * dim[0] + i];
                    }
                }
            }
        }
        StringBuilder codes = new StringBuilder();
        for (int[] axis : orientation) {
            codes.append((axis[1] > 0 ? "RAS" : "LPI").charAt(axis[0]));
        }
        return new NiftiVolume(out, size[0], size[1], size[2], dim[3], calMin, calMax, codes.toString(), type);
    }
}
