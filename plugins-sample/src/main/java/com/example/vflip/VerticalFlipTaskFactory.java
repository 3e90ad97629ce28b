package com.example.vflip;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Geometry;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.HeadBuilder;
import org.selfsup4j.core.spi.PerExample;
import org.selfsup4j.core.spi.PretextBatch;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code vflip}: a pretext task written as a third party would write it, against selfsup4j-core alone. Each image
 * is shown upright (class 0) or flipped top-bottom (class 1), with probability {@code p} (default 0.5) of a flip;
 * the network learns which, and with it what "up" looks like.
 */
public final class VerticalFlipTaskFactory implements PretextTaskFactory {
    @Override
    public String name() {
        return "vflip";
    }

    @Override
    public String description() {
        return "sample plugin: predict whether the image was flipped upside down";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        double p = config.getDouble("p", 0.5);
        if (p < 0 || p > 1) {
            throw config.badValue("p", String.valueOf(p), "a probability in [0, 1]");
        }
        config.requireAllKeysRead(name());
        return new PretextTask() {
            @Override
            public InputShape inputShape(InputShape imageShape) {
                return imageShape;
            }

            @Override
            public void addHead(HeadBuilder head) {
                head.linear(head.features(), head.featureSize(), 2);
            }

            @Override
            public String defaultLoss() {
                return "cross-entropy";
            }

            @Override
            public PretextBatch makeBatch(List<Image> images, Random random) {
                List<Image> inputs = new ArrayList<>(images.size());
                int[] labels = new int[images.size()];
                for (int i = 0; i < images.size(); i++) {
                    boolean flip = random.nextDouble() < p;
                    inputs.add(flip ? Geometry.flipVertical(images.get(i)) : images.get(i));
                    labels[i] = flip ? 1 : 0;
                }
                return PretextBatch.single(inputs, PerExample.classes(labels, 2));
            }
        };
    }
}
