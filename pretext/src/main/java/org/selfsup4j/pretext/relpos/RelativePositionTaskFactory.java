package org.selfsup4j.pretext.relpos;

import java.util.List;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code relative-position} (Doersch, Gupta &amp; Efros, 2015, "Unsupervised visual representation learning by
 * context prediction"): which of the 8 places around the centre patch a second patch came from. Settings:
 * {@code hidden=256} (width of the layer on the two patches' features), {@code chromatic=drop|project|none} (colour
 * images only, default drop; see {@link ChromaticGuard}). Patch size, gap and jitter follow from the image size
 * ({@link RelativePositionGeometry}).
 */
public final class RelativePositionTaskFactory implements PretextTaskFactory {
    public static final String NAME = "relative-position";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "predict where a patch lies relative to the centre patch (8 places); siamese pair of patches";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        int hidden = config.getInt("hidden", 256);
        if (hidden <= 0) {
            throw config.badValue("hidden", String.valueOf(hidden), "a positive layer width");
        }
        String chromatic = config.getString("chromatic", "drop");
        ChromaticGuard guard;
        try {
            guard = ChromaticGuard.valueOf(chromatic.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw config.badValue("chromatic", chromatic, "one of " + List.of("drop", "project", "none"));
        }
        config.requireAllKeysRead(NAME);
        return new RelativePositionTask(hidden, guard);
    }
}
