package org.selfsup4j.core.spi;

import java.util.List;
import org.selfsup4j.core.config.ComponentConfig;

/**
 * The augmenters available by name, handed to a {@link PretextTaskFactory} when it creates its task, so a task can use
 * augmenters (built-in or from any plugin) without depending on their module. Implementations are thread-safe.
 */
public interface Augmenters {
    /**
     * Builds the augmenter {@code name} with {@code config}; an unknown name is a
     * {@link org.selfsup4j.core.SelfSupException} that lists the known names.
     */
    Augmenter get(String name, ComponentConfig config);

    /** The known names, sorted. */
    List<String> names();

    /** No augmenters at all: for tasks that need none, and for tests. */
    static Augmenters none() {
        return new Augmenters() {
            @Override
            public Augmenter get(String name, ComponentConfig config) {
                throw org.selfsup4j.core.SelfSupException.unknownName("augmenter", name, List.of());
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        };
    }
}
