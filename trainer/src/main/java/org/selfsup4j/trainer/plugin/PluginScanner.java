package org.selfsup4j.trainer.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.spi.ComponentFactory;
import org.selfsup4j.core.spi.ComponentKind;
import org.selfsup4j.core.spi.SslPlugin;

/**
 * Finds plugins: every {@link SslPlugin} listed in {@code META-INF/services} on the class path (the built-ins
 * included) and, optionally, in the jars of a plugins folder. The only place selfsup4j uses {@link ServiceLoader}.
 * Runs before any injector exists; its result is handed to the Guice module or used directly.
 */
public final class PluginScanner {
    private PluginScanner() {
    }

    /** Plugins on the class path of this library. */
    public static PluginScan scanClassPath() {
        return scan(PluginScanner.class.getClassLoader());
    }

    /** Plugins on the class path plus those in the {@code *.jar} files of {@code folder}. */
    public static PluginScan scanWithFolder(Path folder) {
        return scan(folderClassLoader(folder));
    }

    /** Plugins visible to {@code loader}. */
    public static PluginScan scan(ClassLoader loader) {
        List<Discovered> found = new ArrayList<>();
        for (SslPlugin plugin : ServiceLoader.load(SslPlugin.class, loader)) {
            String source = sourceOf(plugin.getClass());
            add(found, ComponentKind.AUGMENTER, plugin.augmenterFactories(), source);
            add(found, ComponentKind.PRETEXT_TASK, plugin.pretextTaskFactories(), source);
            add(found, ComponentKind.LOSS, plugin.lossFactories(), source);
            add(found, ComponentKind.BACKBONE, plugin.backboneFactories(), source);
        }
        return new PluginScan(found);
    }

    /** A class loader over the jars of {@code folder}, child of this library's loader. */
    public static ClassLoader folderClassLoader(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Plugins folder not found: " + folder,
                    folder.toString(), List.of(), null);
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(p.toUri().toURL());
            }
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot list plugins folder " + folder + ": "
                    + e.getMessage(), folder.toString(), List.of(), e);
        }
        return new URLClassLoader(jars.toArray(URL[]::new), PluginScanner.class.getClassLoader());
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
