package org.selfsup4j.trainer.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * The layout of a {@code --plugins} folder, each plugin in a class loader of its own:
 * <ul>
 *   <li>a {@code *.jar} directly in the folder whose {@code META-INF/services} lists an {@code SslPlugin} is one plugin
 *       (typically a jar with its libraries inside);</li>
 *   <li>a sub-folder is one plugin made of all the {@code *.jar} files in it (the plugin jar and its libraries; one
 *       of them must list the plugin, a sub-folder without jars is ignored);</li>
 *   <li>a {@code *.jar} directly in the folder without such a services file is a library shared by every plugin.</li>
 * </ul>
 * Checked before any class loads: a zero-byte or corrupt jar is an error naming it, and so is one plugin class listed
 * by two jars (two copies of one plugin), in the folder or on the class path as well.
 */
final class PluginFolder {
    private PluginFolder() {
    }

    /** One class loader per plugin of {@code folder}, in file-name order. */
    static List<PluginClassLoader> load(Path folder, ClassLoader application) {
        if (!Files.isDirectory(folder)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Plugins folder not found: " + folder,
                    folder.toString(), List.of(), null);
        }
        Map<String, String> providers = classPathProviders(application);
        List<URL> sharedJars = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<List<Path>> units = new ArrayList<>();
        for (Path entry : list(folder)) {
            if (Files.isDirectory(entry)) {
                List<Path> jars = list(entry).stream().filter(PluginFolder::isJar).toList();
                if (jars.isEmpty()) {
                    continue;
                }
                int listed = 0;
                for (Path jar : jars) {
                    List<String> inJar = providersIn(jar);
                    claim(providers, inJar, jar);
                    listed += inJar.size();
                }
                if (listed == 0) {
                    throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Plugin folder " + entry + " has jars but none "
                            + "lists a plugin in " + PluginScanner.SERVICE_FILE + "; a sub-folder is one plugin with its "
                            + "libraries", entry.toString(), List.of(), null);
                }
                names.add(entry.getFileName().toString());
                units.add(jars);
            } else if (isJar(entry)) {
                List<String> listed = providersIn(entry);
                if (listed.isEmpty()) {
                    sharedJars.add(url(entry));
                } else {
                    claim(providers, listed, entry);
                    names.add(entry.getFileName().toString());
                    units.add(List.of(entry));
                }
            }
        }
        ClassLoader parent = sharedJars.isEmpty() ? application
                : new URLClassLoader("shared plugin libraries", sharedJars.toArray(URL[]::new), application);
        List<PluginClassLoader> loaders = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            loaders.add(new PluginClassLoader(names.get(i), units.get(i).stream().map(PluginFolder::url)
                    .toArray(URL[]::new), parent));
        }
        return loaders;
    }

    /** Records that {@code jar} lists {@code listed}; a plugin class listed twice is an error naming both places. */
    private static void claim(Map<String, String> providers, List<String> listed, Path jar) {
        for (String provider : listed) {
            String other = providers.putIfAbsent(provider, jar.toString());
            if (other != null) {
                throw new SelfSupException(ErrorCode.DUPLICATE_COMPONENT, "Plugin " + provider + " is in both "
                        + other + " and " + jar + " (two copies of one plugin?); keep one of them",
                        jar.toString(), List.of(other), null);
            }
        }
    }

    /** Plugin class → the service file on the class path that lists it. */
    private static Map<String, String> classPathProviders(ClassLoader application) {
        Map<String, String> providers = new HashMap<>();
        try {
            for (URL url : java.util.Collections.list(application.getResources(PluginScanner.SERVICE_FILE))) {
                try (InputStream in = url.openStream()) {
                    providerNames(in).forEach(name -> providers.putIfAbsent(name, "the class path (" + url + ")"));
                }
            }
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot read the class path's plugin lists: "
                    + e.getMessage(), PluginScanner.SERVICE_FILE, List.of(), e);
        }
        return providers;
    }

    /**
     * The plugin classes {@code jar}'s service file lists (none for a jar without one: it is a library). A zero-byte
     * or corrupt jar is an error naming it (a class loader would skip it without a word).
     */
    static List<String> providersIn(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getEntry(PluginScanner.SERVICE_FILE);
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
    static List<String> providerNames(InputStream serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : new String(serviceFile.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
            String name = line.replaceAll("#.*", "").trim();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean isJar(Path p) {
        return p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p);
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot list plugins folder " + folder + ": "
                    + e.getMessage(), folder.toString(), List.of(), e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
