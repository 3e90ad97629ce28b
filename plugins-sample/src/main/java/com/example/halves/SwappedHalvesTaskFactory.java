package com.example.halves;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code swapped-halves}: a multi-input pretext task written as a third party would write it. Each example is two
 * inputs, the top and the bottom half of an image, given in that order (class 0) or swapped (class 1); both halves go
 * through the one backbone, and the head compares their features side by side. Setting {@code hidden} (default 64):
 * the width of the layer on the two halves' features.
 */
public final class SwappedHalvesTaskFactory implements PretextTaskFactory {
    @Override
    public String name() {
        return "swapped-halves";
    }

    @Override
    public String description() {
        return "sample plugin: were the top and bottom halves of the image swapped? two inputs through one backbone";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        int hidden = config.getInt("hidden", 64);
        if (hidden <= 0) {
            throw config.badValue("hidden", String.valueOf(hidden), "a positive layer width");
        }
        config.requireAllKeysRead(name());
        return new PretextTask() {
            @Override
            public InputShape inputShape(InputShape imageShape) {
                return new InputShape(imageShape.channels(), imageShape.height() / 2, imageShape.width());
            }

            @Override
            public int inputsPerExample() {
                return 2;
            }

            @Override
            public void addHead(HeadBuilder head) {
                // [2n, F] pooled features -> [n, 2F] -> dense(hidden, ReLU) -> linear 2 -> loss layer
                head.concatenatedMlp("halves_fc", hidden, 2);
            }

            @Override
            public String defaultLoss() {
                return "cross-entropy";
            }

            @Override
            public PretextBatch makeBatch(List<Image> images, Random random) {
                List<Image> inputs = new ArrayList<>(2 * images.size());
                int[] labels = new int[images.size()];
                for (int i = 0; i < images.size(); i++) {
                    Image top = half(images.get(i), 0);
                    Image bottom = half(images.get(i), 1);
                    labels[i] = random.nextBoolean() ? 1 : 0;
                    inputs.add(labels[i] == 0 ? top : bottom);
                    inputs.add(labels[i] == 0 ? bottom : top);
                }
                return new PretextBatch(inputs, 2, PerExample.classes(labels, 2), null);
            }
        };
    }

    /** Half {@code which} (0 top, 1 bottom) of {@code image}: rows [which·h/2, (which+1)·h/2). */
    static Image half(Image image, int which) {
        int c = image.channels();
        int h = image.height() / 2;
        int w = image.width();
        float[] out = new float[c * h * w];
        for (int ch = 0; ch < c; ch++) {
            System.arraycopy(image.pixels(), (ch * image.height() + which * h) * w, out, ch * h * w, h * w);
        }
        return new Image(c, h, w, out);
    }
}
