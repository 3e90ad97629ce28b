package org.selfsup4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import java.nio.file.Path;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.plugin.ComponentsModule;
import org.selfsup4j.trainer.plugin.PluginScan;
import org.selfsup4j.trainer.plugin.PluginScanner;

/**
 * The composition root: scan for plugins (class path plus {@code --plugins}), then build a strict injector
 * (production stage, explicit bindings only) whose map bindings fail on duplicate names.
 */
final class Composition {
    private final PluginScan scan;
    private final Injector injector;

    private Composition(PluginScan scan) {
        this.scan = scan;
        this.injector = Guice.createInjector(Stage.PRODUCTION, new ComponentsModule(scan), binder -> {
            binder.requireExplicitBindings();
            binder.disableCircularProxies();
        });
    }

    static Composition start(Path pluginsFolder) {
        return new Composition(pluginsFolder == null ? PluginScanner.scanClassPath() : PluginScanner.scanWithFolder(pluginsFolder));
    }

    Catalog catalog() {
        return injector.getInstance(Catalog.class);
    }

    PluginScan scan() {
        return scan;
    }
}
