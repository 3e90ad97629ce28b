package org.selfsup4j.pretext.restoration;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code restoration}: restore an image from a Models Genesis transformed copy. Settings (probabilities in [0, 1],
 * defaults from the authors' config): {@code flip-rate} 0.4, {@code shuffle-rate} 0.5, {@code nonlinear-rate} 0.9,
 * {@code paint-rate} 0.9, {@code inpaint-rate} 0.2 (the rest of the painting is out-painting).
 */
public final class RestorationTaskFactory implements PretextTaskFactory {
    public static final String NAME = "restoration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "restore the image from a Models Genesis transformed copy (Bezier intensities, shuffling, in/out-painting)";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        double flip = rate(config, "flip-rate", 0.4);
        double shuffle = rate(config, "shuffle-rate", 0.5);
        double nonlinear = rate(config, "nonlinear-rate", 0.9);
        double paint = rate(config, "paint-rate", 0.9);
        double inpaint = rate(config, "inpaint-rate", 0.2);
        config.requireAllKeysRead(NAME);
        return new RestorationTask(flip, shuffle, nonlinear, paint, inpaint);
    }

    private static double rate(ComponentConfig config, String key, double defaultValue) {
        double v = config.getDouble(key, defaultValue);
        if (!(v >= 0 && v <= 1)) {
            throw config.badValue(key, String.valueOf(v), "a probability in [0, 1]");
        }
        return v;
    }
}
