package org.selfsup4j.pretext.rotation;

import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code rotation} (Gidaris et al., 2018, "Unsupervised representation learning by predicting image rotations"):
 * predict by how many quarter turns (0°, 90°, 180°, 270°) an image was rotated. Settings:
 * {@code all-rotations=true} (default, as in the paper: each image appears in all four rotations, so a batch of n
 * images gives 4n examples) or {@code false} (one random rotation per image).
 */
public final class RotationTaskFactory implements PretextTaskFactory {
    public static final String NAME = "rotation";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "predict the rotation (0/90/180/270 degrees) of an image; 4-way classification";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        boolean all = config.getBoolean("all-rotations", true);
        config.requireAllKeysRead(NAME);
        return new RotationTask(all);
    }
}
