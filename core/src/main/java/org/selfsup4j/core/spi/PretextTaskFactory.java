package org.selfsup4j.core.spi;

/** Builds a {@link PretextTask}; {@code --task NAME} picks it. */
public interface PretextTaskFactory extends ComponentFactory<PretextTask> {
}
