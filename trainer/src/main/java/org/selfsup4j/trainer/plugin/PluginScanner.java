package org.selfsup4j.trainer.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
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
    static final String SERVICE_FILE = "META-INF/services/" + SslPlugin.class.getName();

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
        try {
            for (SslPlugin plugin : ServiceLoader.load(SslPlugin.class, loader)) {
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
        return new PluginScan(found);
    }

    /** The service files (with their jars) whose text names a class mentioned in {@code message}. */
    private static List<String> serviceFilesMentioning(ClassLoader loader, String message) {
        List<String> files = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(SERVICE_FILE))) {
                try (InputStream in = url.openStream()) {
                    if (providerNames(in).stream().anyMatch(name -> message != null && message.contains(name))) {
                        files.add(url.toString());
                    }
                }
            }
        } catch (IOException e) {
            files.add("(cannot list service files: " + e.getMessage() + ")");
        }
        return files;
    }

    /** A class loader over the jars of {@code folder}, child of this library's loader. */
    public static ClassLoader folderClassLoader(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Plugins folder not found: " + folder,
                    folder.toString(), List.of(), null);
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            Map<String, Path> providers = new HashMap<>();
            for (Path p : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                for (String provider : providersIn(p)) {
                    Path other = providers.putIfAbsent(provider, p);
                    if (other != null) {
                        throw new SelfSupException(ErrorCode.DUPLICATE_COMPONENT, "Plugin " + provider + " is in both "
                                + other + " and " + p + " (two copies of one plugin?); keep one of them",
                                p.toString(), List.of(other.toString()), null);
                    }
                }
                jars.add(p.toUri().toURL());
            }
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot list plugins folder " + folder + ": "
                    + e.getMessage(), folder.toString(), List.of(), e);
        }
        return new URLClassLoader(jars.toArray(URL[]::new), PluginScanner.class.getClassLoader());
    }

    /**
     * The plugin classes {@code jar}'s service file lists (none for a jar without one: it may be a library a plugin
     * needs). A zero-byte or corrupt jar is an error naming it (a class loader would skip it without a word).
     */
    private static List<String> providersIn(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getEntry(SERVICE_FILE);
            if (entry == null) {
                return List.of();
            }
            try (InputStream in = file.getInputStream(entry)) {
                return providerNames(in);
            }
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Plugin jar " + jar + " cannot be read as a jar ("
                    + e.getMessage() + "): it may be empty, truncated or not a jar", jar.toString(), List.of(), e);
        }
    }

    /** The class names a service file lists (one per line, {@code #} starts a comment). */
    private static List<String> providerNames(InputStream serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : new String(serviceFile.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
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
