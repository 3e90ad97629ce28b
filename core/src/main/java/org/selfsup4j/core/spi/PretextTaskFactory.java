package org.selfsup4j.core.spi;

import org.selfsup4j.core.config.ComponentConfig;

/** Builds a {@link PretextTask}; {@code --task NAME} picks it. */
public interface PretextTaskFactory extends ComponentFactory<PretextTask> {
    /**
     * Builds the task from its settings. {@code augmenters} gives any augmenter by name (built-in or plugin), for
     * tasks that corrupt or re-view images. Must call {@link ComponentConfig#requireAllKeysRead(String)} before
     * returning, so unknown settings are errors.
     */
    PretextTask create(ComponentConfig config, Augmenters augmenters);
}
