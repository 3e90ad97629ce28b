package org.selfsup4j.augment;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.image.Geometry;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.AugmenterFactory;

/** {@code horizontal-flip}: mirrors the image left-right with probability {@code p} (default 0.5). */
public final class HorizontalFlipFactory implements AugmenterFactory {
    public static final String NAME = "horizontal-flip";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "mirror left-right with probability p (default 0.5)";
    }

    @Override
    public Augmenter create(ComponentConfig config) {
        double p = config.getDouble("p", 0.5);
        if (p < 0 || p > 1) {
            throw config.badValue("p", String.valueOf(p), "a probability in [0, 1]");
        }
        config.requireAllKeysRead(NAME);
        return (image, random) -> random.nextDouble() < p ? Geometry.flipHorizontal(image) : image;
    }
}
