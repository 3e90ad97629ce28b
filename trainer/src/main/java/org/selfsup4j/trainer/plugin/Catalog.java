package org.selfsup4j.trainer.plugin;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.AugmenterFactory;
import org.selfsup4j.core.spi.Augmenters;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.BackboneFactory;
import org.selfsup4j.core.spi.ComponentFactory;
import org.selfsup4j.core.spi.ComponentKind;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.PretextTaskFactory;
import org.selfsup4j.core.spi.SslLoss;

/**
 * The components available by name, per kind. Guice builds it from the module's map bindings; code that does not
 * use Guice calls {@link #discover()}. Looking up an unknown name throws an error listing the known names.
 * Immutable and thread-safe.
 */
public final class Catalog {
    private final Map<String, AugmenterFactory> augmenters;
    private final Map<String, PretextTaskFactory> pretextTasks;
    private final Map<String, LossFactory> losses;
    private final Map<String, BackboneFactory> backbones;

    @Inject
    public Catalog(Map<String, AugmenterFactory> augmenters, Map<String, PretextTaskFactory> pretextTasks,
                   Map<String, LossFactory> losses, Map<String, BackboneFactory> backbones) {
        this.augmenters = new TreeMap<>(Objects.requireNonNull(augmenters, "augmenters is null"));
        this.pretextTasks = new TreeMap<>(Objects.requireNonNull(pretextTasks, "pretextTasks is null"));
        this.losses = new TreeMap<>(Objects.requireNonNull(losses, "losses is null"));
        this.backbones = new TreeMap<>(Objects.requireNonNull(backbones, "backbones is null"));
    }

    /** The components on the class path, without Guice. */
    public static Catalog discover() {
        return of(PluginScanner.scanClassPath());
    }

    public static Catalog of(PluginScan scan) {
        return new Catalog(scan.augmenters(), scan.pretextTasks(), scan.losses(), scan.backbones());
    }

    /** Builds the task {@code name}; it may ask for any augmenter of this catalog by name. */
    public PretextTask pretextTask(String name, ComponentConfig config) {
        return find(pretextTasks, ComponentKind.PRETEXT_TASK, name).create(config, augmenters());
    }

    /** This catalog's augmenters, as handed to pretext tasks. */
    public Augmenters augmenters() {
        return new Augmenters() {
            @Override
            public Augmenter get(String name, ComponentConfig config) {
                return augmenter(name, config);
            }

            @Override
            public List<String> names() {
                return Catalog.this.names(ComponentKind.AUGMENTER);
            }
        };
    }

    public SslLoss loss(String name, ComponentConfig config) {
        return find(losses, ComponentKind.LOSS, name).create(config);
    }

    public Backbone backbone(String name, ComponentConfig config) {
        return find(backbones, ComponentKind.BACKBONE, name).create(config);
    }

    public Augmenter augmenter(String name, ComponentConfig config) {
        return find(augmenters, ComponentKind.AUGMENTER, name).create(config);
    }

    /** The names known for {@code kind}, sorted. */
    public List<String> names(ComponentKind kind) {
        return new ArrayList<>(switch (kind) {
            case AUGMENTER -> augmenters.keySet();
            case PRETEXT_TASK -> pretextTasks.keySet();
            case LOSS -> losses.keySet();
            case BACKBONE -> backbones.keySet();
        });
    }

    private static <F extends ComponentFactory<?>> F find(Map<String, F> map, ComponentKind kind, String name) {
        F f = map.get(name);
        if (f == null) {
            throw SelfSupException.unknownName(kind.displayName(), name, new ArrayList<>(map.keySet()));
        }
        return f;
    }
}
