package org.selfsup4j.pretext.corruption;

import java.util.List;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code corruption}: classify which corruption, if any, was applied to an image. Setting {@code corruptions}: a list
 * of augmenter names, each with optional settings, for example
 * {@code corruptions=[gaussian-noise,jpeg(quality=5),pixelate]}; default
 * {@value #DEFAULT_LIST}. Classes: "none" and one per corruption. An unknown name fails at once, listing the known
 * augmenters.
 */
public final class CorruptionTaskFactory implements PretextTaskFactory {
    public static final String NAME = "corruption";
    static final String DEFAULT_LIST =
            "[gaussian-noise,shot-noise,impulse-noise,pixelate,jpeg,gaussian-blur,contrast,brightness]";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "classify which corruption (noise, pixelate, jpeg, blur, contrast, brightness) or none was applied";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        List<ComponentSpec> specs = config.getSpecs("corruptions", DEFAULT_LIST);
        config.requireAllKeysRead(NAME);
        CorruptionTask task = new CorruptionTask(specs, augmenters);
        task.augmentersFor(new InputShape(1, 28, 28));
        return task;
    }
}
