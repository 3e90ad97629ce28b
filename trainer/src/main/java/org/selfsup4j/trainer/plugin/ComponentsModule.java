package org.selfsup4j.trainer.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.Objects;
import org.selfsup4j.core.spi.AugmenterFactory;
import org.selfsup4j.core.spi.BackboneFactory;
import org.selfsup4j.core.spi.LossFactory;
import org.selfsup4j.core.spi.PretextTaskFactory;

/**
 * Binds every discovered factory into a map by name, one map per kind. The scan happens before the injector
 * exists; this module only binds (no I/O, no decisions). The maps do not permit duplicates, so two plugins that
 * register one name fail the injector at start-up.
 */
public final class ComponentsModule extends AbstractModule {
    private final PluginScan scan;

    public ComponentsModule(PluginScan scan) {
        this.scan = Objects.requireNonNull(scan, "scan is null");
    }

    @Override
    protected void configure() {
        bind(PluginScan.class).toInstance(scan);
        MapBinder<String, AugmenterFactory> augmenters = MapBinder.newMapBinder(binder(), String.class, AugmenterFactory.class);
        MapBinder<String, PretextTaskFactory> tasks = MapBinder.newMapBinder(binder(), String.class, PretextTaskFactory.class);
        MapBinder<String, LossFactory> losses = MapBinder.newMapBinder(binder(), String.class, LossFactory.class);
        MapBinder<String, BackboneFactory> backbones = MapBinder.newMapBinder(binder(), String.class, BackboneFactory.class);
        for (Discovered d : scan.components()) {
            switch (d.kind()) {
                case AUGMENTER -> augmenters.addBinding(d.name()).toInstance((AugmenterFactory) d.factory());
                case PRETEXT_TASK -> tasks.addBinding(d.name()).toInstance((PretextTaskFactory) d.factory());
                case LOSS -> losses.addBinding(d.name()).toInstance((LossFactory) d.factory());
                case BACKBONE -> backbones.addBinding(d.name()).toInstance((BackboneFactory) d.factory());
            }
        }
        bind(Catalog.class);
    }
}
