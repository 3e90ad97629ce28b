package org.selfsup4j.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;

/** Small generated data sets for fast tests. */
public final class TestData {
    private TestData() {
    }

    /**
     * {@code n} images of {@code classes} kinds: class c is a bright square in a class-specific quadrant-ish place
     * over faint noise, so a network can learn it in a few steps.
     */
    public static LabeledImages blobs(int n, int channels, int size, int classes) {
        Random r = new Random(17);
        List<Image> images = new ArrayList<>();
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
        }
        int s = size / 3;
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            float[] px = new float[channels * size * size];
            for (int p = 0; p < px.length; p++) {
                px[p] = 0.1f * r.nextFloat();
            }
            int y0 = (c * s) % (size - s);
            int x0 = ((c * 7) * s / 3) % (size - s);
            for (int ch = 0; ch < channels; ch++) {
                for (int y = y0; y < y0 + s; y++) {
                    for (int x = x0; x < x0 + s; x++) {
                        px[(ch * size + y) * size + x] = 0.8f + 0.2f * r.nextFloat();
                    }
                }
            }
            images.add(new Image(channels, size, size, px));
            labels[i] = c;
        }
        return new LabeledImages(images, labels, names);
    }
}
