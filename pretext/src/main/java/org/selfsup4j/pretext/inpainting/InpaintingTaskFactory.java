package org.selfsup4j.pretext.inpainting;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * {@code inpainting}: fill a hole cut out of the image (context encoder). Settings: {@code mask=region|central|blocks}
 * (default {@code region}, the paper's choice for feature learning), {@code band-weight} (default 10, in [0, 100]),
 * {@code band} (pixels; default 4 px at 128 px, scaled to the image).
 */
public final class InpaintingTaskFactory implements PretextTaskFactory {
    public static final String NAME = "inpainting";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "fill a hole (mask=region|central|blocks) from its context: decoder head, masked L2 (context encoder)";
    }

    @Override
    public PretextTask create(ComponentConfig config, Augmenters augmenters) {
        String mask = config.getString("mask", "region");
        double bandWeight = config.getDouble("band-weight", 10);
        int band = config.getInt("band", -1);
        config.requireAllKeysRead(NAME);
        List<String> known = Arrays.stream(HoleMasks.values()).map(HoleMasks::id).toList();
        if (!known.contains(mask)) {
            throw config.badValue("mask", mask, "one of " + known);
        }
        if (!(bandWeight >= 0 && bandWeight <= 100)) {
            throw config.badValue("band-weight", String.valueOf(bandWeight), "a weight in [0, 100]");
        }
        if (config.asMap().containsKey("band") && (band < 0 || band > 64)) {
            throw config.badValue("band", String.valueOf(band), "a width in pixels in [0, 64]");
        }
        return new InpaintingTask(HoleMasks.valueOf(mask.toUpperCase(Locale.ROOT)), bandWeight, band, null);
    }
}
