package org.selfsup4j.pretext.stats;

import java.util.ArrayList;
import java.util.List;
import org.selfsup4j.core.image.Image;

/** The fixed sample of training images a task's statistics come from (so a resumed run computes the same ones). */
public final class ImageSample {
    /** Images the statistics are taken from at most. */
    public static final int MAX_IMAGES = 2000;

    private ImageSample() {
    }

    /** At most {@code max} images spread evenly over the list (all of them if it is no longer). */
    public static List<Image> evenlySpaced(List<Image> images, int max) {
        if (images.size() <= max) {
            return images;
        }
        List<Image> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(images.get((int) ((long) i * images.size() / max)));
        }
        return out;
    }

    /** The mean of each channel over {@code images} (all of one shape). */
    public static float[] channelMeans(List<Image> images) {
        int channels = images.get(0).channels();
        double[] sum = new double[channels];
        long perChannel = 0;
        for (Image im : images) {
            int plane = im.height() * im.width();
            float[] px = im.pixels();
            for (int c = 0; c < channels; c++) {
                for (int i = c * plane; i < (c + 1) * plane; i++) {
                    sum[c] += px[i];
                }
            }
            perChannel += plane;
        }
        float[] mean = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (sum[c] / perChannel);
        }
        return mean;
    }
}
