package org.selfsup4j.trainer.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.spi.ComponentFactory;
import org.selfsup4j.core.spi.ComponentKind;
import org.selfsup4j.core.spi.SslPlugin;

/**
 * Finds plugins: every {@link SslPlugin} listed in {@code META-INF/services} on the class path (the built-ins
 * included) and, optionally, in a plugins folder, one class loader per plugin ({@link PluginFolder}). The only place selfsup4j uses {@link ServiceLoader}.
 * Runs before any injector exists; its result is handed to the Guice module or used directly.
 */
public final class PluginScanner {
    static final String SERVICE_FILE = "META-INF/services/" + SslPlugin.class.getName();

    private PluginScanner() {
    }

    /** Plugins on the class path of this library. */
    public static PluginScan scanClassPath() {
        return scan(PluginScanner.class.getClassLoader());
    }

    /**
     * Plugins on the class path plus those of {@code folder}, each of the latter in a class loader of its own (see
     * {@link PluginFolder} for the layout).
     */
    public static PluginScan scanWithFolder(Path folder) {
        ClassLoader application = PluginScanner.class.getClassLoader();
        List<Discovered> found = new ArrayList<>(scanClassPath().components());
        for (PluginClassLoader plugin : PluginFolder.load(folder, application)) {
            found.addAll(discover(plugin, plugin));
        }
        return new PluginScan(found);
    }

    /** Plugins visible to {@code loader}. */
    public static PluginScan scan(ClassLoader loader) {
        return new PluginScan(discover(loader, null));
    }

    /** The components of the plugins {@code loader} finds; only those whose class {@code owner} defined, unless null. */
    private static List<Discovered> discover(ClassLoader loader, ClassLoader owner) {
        List<Discovered> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<SslPlugin> provider : ServiceLoader.load(SslPlugin.class, loader).stream().toList()) {
                if (owner != null && provider.type().getClassLoader() != owner) {
                    continue;
                }
                SslPlugin plugin = provider.get();
                String source = sourceOf(plugin.getClass());
                add(found, ComponentKind.AUGMENTER, plugin.augmenterFactories(), source);
                add(found, ComponentKind.PRETEXT_TASK, plugin.pretextTaskFactories(), source);
                add(found, ComponentKind.LOSS, plugin.lossFactories(), source);
                add(found, ComponentKind.BACKBONE, plugin.backboneFactories(), source);
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "A plugin cannot be loaded: " + e.getMessage()
                    + " (declared in " + serviceFilesMentioning(loader, e.getMessage()) + "); remove or fix that jar",
                    String.valueOf(e.getMessage()), List.of(), e);
        }
        return found;
    }

    /** The service files (with their jars) whose text names a class mentioned in {@code message}. */
    private static List<String> serviceFilesMentioning(ClassLoader loader, String message) {
        List<String> files = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(SERVICE_FILE))) {
                try (InputStream in = url.openStream()) {
                    if (PluginFolder.providerNames(in).stream().anyMatch(name -> message != null && message.contains(name))) {
                        files.add(url.toString());
                    }
                }
            }
        } catch (IOException e) {
            files.add("(cannot list service files: " + e.getMessage() + ")");
        }
        return files;
    }

    private static void add(List<Discovered> found, ComponentKind kind, List<? extends ComponentFactory<?>> factories,
                            String source) {
        for (ComponentFactory<?> f : factories) {
            String name = f.name();
            if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The " + kind.displayName() + " from " + source
                        + " has name [" + name + "]; names must be kebab-case (lower-case words joined by '-')");
            }
            found.add(new Discovered(kind, f, source));
        }
    }

    private static String sourceOf(Class<?> type) {
        CodeSource cs = type.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return "(unknown)";
        }
        try {
            return Path.of(cs.getLocation().toURI()).toString();
        } catch (Exception e) {
            return cs.getLocation().toString();
        }
    }

}
