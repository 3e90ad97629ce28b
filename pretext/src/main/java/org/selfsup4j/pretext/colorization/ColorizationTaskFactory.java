package org.selfsup4j.pretext.colorization;

import java.util.List;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code colorization}: predict the colours of an image from its lightness (Zhang et al. 2016). Setting
 * {@code mode=classification} (default: rebalanced cross-entropy over quantised ab) or {@code mode=regression} (L2 on
 * ab). Needs colour images.
 */
public final class ColorizationTaskFactory implements PretextTaskFactory {
    public static final String NAME = "colorization";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "predict ab colour from CIE lightness (mode=classification|regression); needs colour images";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        String mode = config.getString("mode", "classification");
        config.requireAllKeysRead(NAME);
        if (!mode.equals("classification") && !mode.equals("regression")) {
            throw config.badValue("mode", mode, "one of " + List.of("classification", "regression"));
        }
        return new ColorizationTask(mode.equals("classification"), null);
    }
}
