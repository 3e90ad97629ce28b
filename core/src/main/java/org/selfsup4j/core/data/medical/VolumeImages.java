package org.selfsup4j.core.data.medical;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.image.Image;

/**
 * Cuts a 3-D {@link NiftiVolume} into 2-D images: its values mapped to [0, 1] by the {@link IntensityWindow} (over
 * the whole volume, so slices of one volume share one mapping), then the chosen
 * slices, displayed in the neurological convention: axial slices with anterior at the top and the subject's right on
 * the image's right; coronal slices with superior at the top, right on the right; sagittal slices with superior at
 * the top and anterior on the right.
 */
public final class VolumeImages {
    private VolumeImages() {
    }

    /**
     * The chosen slices of {@code v} (read from {@code file}) as images. A 4-D volume (several time points or
     * volumes) is refused: its volumes would give near-copies of every slice; split it first.
     */
    public static List<Image> toImages(Path file, NiftiVolume v, IntensityWindow window, SliceSelection slices) {
        if (v.nt() > 1) {
            throw NiftiReader.bad(file, "it is a 4-D volume (" + v.nt() + " volumes of " + v.nx() + "x" + v.ny() + "x"
                    + v.nz() + "); 3-D volumes are read as slices. Split it first (fslsplit, or nibabel's "
                    + "four_to_three) and keep the volumes you mean");
        }
        double ownCenter = v.hasDisplayRange() ? (v.calMin() + v.calMax()) / 2 + 0.5 : Double.NaN;
        double ownWidth = v.hasDisplayRange() ? v.calMax() - v.calMin() + 1 : Double.NaN;
        float[] mapped = window.map(v.values(), ownCenter, ownWidth);
        int normal = switch (slices.plane()) {
            case AXIAL -> v.nz();
            case CORONAL -> v.ny();
            case SAGITTAL -> v.nx();
        };
        List<Image> images = new ArrayList<>();
        for (int s : slices.indices(normal)) {
            images.add(slice(mapped, v, slices.plane(), s));
        }
        return images;
    }

    /** Slice {@code s} of a mapped volume (x fastest) as an image. */
    static Image slice(float[] mapped, NiftiVolume v, SliceSelection.Plane plane, int s) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        int rows = plane == SliceSelection.Plane.AXIAL ? ny : nz;
        int columns = plane == SliceSelection.Plane.SAGITTAL ? ny : nx;
        float[] px = new float[rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                int x;
                int y;
                int z;
                switch (plane) {
                    case AXIAL -> {
                        x = c;
                        y = ny - 1 - r;
                        z = s;
                    }
                    case CORONAL -> {
                        x = c;
                        y = s;
                        z = nz - 1 - r;
                    }
                    default -> {
                        x = s;
                        y = c;
                        z = nz - 1 - r;
                    }
                }
                px[r * columns + c] = mapped[(z * ny + y) * nx + x];
            }
        }
        return new Image(1, rows, columns, px);
    }
}
