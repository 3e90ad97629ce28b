package com.example.vflip;

import java.util.List;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.spi.SslPlugin;

/** The plugin's one entry point, listed in META-INF/services/org.selfsup4j.core.spi.SslPlugin. */
public final class VerticalFlipPlugin implements SslPlugin {
    @Override
    public List<PretextTaskFactory> pretextTaskFactories() {
        return List.of(new VerticalFlipTaskFactory());
    }
}
