package org.selfsup4j.core.data.medical;

import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.image.Image;

/**
 * Turns a {@link DicomFile} into images in [0, 1]: gray frames through the {@link IntensityWindow} (after the
 * modality rescale), colour frames (RGB, YBR_FULL converted to RGB as PS3.3 C.7.6.3.1.2 says) by their stored bit
 * depth — a window means nothing for colour. Stateless.
 */
public final class DicomImages {
    private DicomImages() {
    }

    public static List<Image> toImages(DicomFile file, IntensityWindow window, FrameChoice frames) {
        int count = frames == FrameChoice.FIRST ? 1 : file.frames().size();
        List<Image> images = new ArrayList<>(count);
        for (int f = 0; f < count; f++) {
            images.add(file.samplesPerPixel() == 1
                    ? new Image(1, file.rows(), file.columns(), window.apply(file.modalityValues(f), file))
                    : new Image(3, file.rows(), file.columns(), colour(file, file.frames().get(f))));
        }
        return images;
    }

    /** Channel-major stored colour samples to RGB in [0, 1]. */
    static float[] colour(DicomFile file, double[] stored) {
        double max = Math.pow(2, file.bitsStored()) - 1;
        int n = file.rows() * file.columns();
        float[] out = new float[3 * n];
        boolean ybr = file.photometric().startsWith("YBR");
        double half = Math.pow(2, file.bitsStored() - 1);
        for (int p = 0; p < n; p++) {
            double a = stored[p];
            double b = stored[n + p];
            double c = stored[2 * n + p];
            double r = a;
            double g = b;
            double bl = c;
            if (ybr) {   // a = Y, b = Cb, c = Cr (full range)
                r = a + 1.402 * (c - half);
                g = a - 0.344136 * (b - half) - 0.714136 * (c - half);
                bl = a + 1.772 * (b - half);
            }
            out[p] = clip(r / max);
            out[n + p] = clip(g / max);
            out[2 * n + p] = clip(bl / max);
        }
        return out;
    }

    private static float clip(double v) {
        return (float) Math.min(1, Math.max(0, v));
    }
}
