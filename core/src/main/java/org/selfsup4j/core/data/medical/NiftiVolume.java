package org.selfsup4j.core.data.medical;

/**
 * A NIfTI volume reordered to RAS+ (x toward the subject's right, y anterior, z superior), values after
 * {@code scl_slope}/{@code scl_inter}, x fastest, then y, z and time.
 *
 * @param calMin      the header's display range minimum ({@code cal_min})
 * @param calMax      the header's display range maximum ({@code cal_max}; a range only when above {@code calMin})
 * @param orientation the voxel axes' original directions, as nibabel's axis codes ({@code LAS}, {@code RAS}, ...)
 * @param dataType    the stored type ({@code uint8}, {@code int16}, {@code float32}, ...)
 */
public record NiftiVolume(float[] values, int nx, int ny, int nz, int nt, double calMin, double calMax,
                          String orientation, String dataType) {
    /** Whether the header gives a display range. */
    public boolean hasDisplayRange() {
        return calMax > calMin;
    }

    /** The value at voxel (x, y, z) of time point t. */
    public float get(int x, int y, int z, int t) {
        return values[((t * nz + z) * ny + y) * nx + x];
    }
}
