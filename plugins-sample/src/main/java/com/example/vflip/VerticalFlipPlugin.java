package com.example.vflip;

import com.example.halves.SwappedHalvesTaskFactory;
import java.util.List;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.spi.SslPlugin;

/**
 * The plugin's one entry point, listed in META-INF/services/org.selfsup4j.core.spi.SslPlugin: a single-input task
 * ({@code vflip}) and a two-input one ({@code swapped-halves}).
 */
public final class VerticalFlipPlugin implements SslPlugin {
    @Override
    public List<PretextTaskFactory> pretextTaskFactories() {
        return List.of(new VerticalFlipTaskFactory(), new SwappedHalvesTaskFactory());
    }
}
