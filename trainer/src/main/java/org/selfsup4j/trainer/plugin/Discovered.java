package org.selfsup4j.trainer.plugin;

import java.util.Objects;
import org.selfsup4j.core.spi.ComponentFactory;
import org.selfsup4j.core.spi.ComponentKind;

/** A factory found by plugin discovery, with its kind and the jar (or class folder) it came from. */
public record Discovered(ComponentKind kind, ComponentFactory<?> factory, String source) {
    public Discovered {
        Objects.requireNonNull(kind, "kind is null");
        Objects.requireNonNull(factory, "factory is null");
        Objects.requireNonNull(source, "source is null");
    }

    public String name() {
        return factory.name();
    }
}
