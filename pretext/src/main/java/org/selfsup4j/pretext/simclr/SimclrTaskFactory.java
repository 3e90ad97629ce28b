package org.selfsup4j.pretext.simclr;

import java.util.List;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code simclr}: contrastive learning from two views per image. Settings: {@code views} (augmenter names with
 * optional settings, default {@value #DEFAULT_VIEWS}), {@code projection} (outputs of the projection head, default
 * 128), {@code hidden} (its hidden width; default the backbone's feature size). Loss: {@code nt-xent}. An unknown
 * view augmenter fails at once, naming the known ones.
 */
public final class SimclrTaskFactory implements PretextTaskFactory {
    public static final String NAME = "simclr";
    static final String DEFAULT_VIEWS =
            "[random-resized-crop,horizontal-flip,color-jitter,random-grayscale,gaussian-blur]";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "contrastive: two augmented views per image, projection head, NT-Xent (SimCLR)";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        List<ComponentSpec> specs = config.getSpecs("views", DEFAULT_VIEWS);
        int projection = config.getInt("projection", 128);
        int hidden = config.getInt("hidden", 0);
        config.requireAllKeysRead(NAME);
        if (projection < 1 || projection > 8192) {
            throw config.badValue("projection", String.valueOf(projection), "a width in [1, 8192]");
        }
        if (hidden < 0 || hidden > 8192) {
            throw config.badValue("hidden", String.valueOf(hidden), "a width in [1, 8192], or 0 for the feature size");
        }
        SimclrTask task = new SimclrTask(specs, augmenters, projection, hidden);
        task.augmentersFor(new InputShape(3, 32, 32));
        return task;
    }
}
