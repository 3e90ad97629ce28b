package org.selfsup4j.trainer.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.spi.AugmenterFactory;

/**
 * Each plugin of a plugins folder has a class loader of its own: two plugins bundling different versions of one
 * library each see their own. The plugins and the library are compiled here from source into real jars.
 */
class PluginIsolationTest {
    private static final String LIBRARY = "com.example.lib.Version";

    @TempDir
    Path dir;

    /** Two plugins in sub-folders, each with its own version of one library jar. */
    @Test
    void pluginsInSubFoldersSeeTheirOwnLibraryVersion() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("alpha/alpha.jar"), plugin("alpha"));
        jar(plugins.resolve("alpha/version-1.jar"), library("1"));
        jar(plugins.resolve("beta/beta.jar"), plugin("beta"));
        jar(plugins.resolve("beta/version-2.jar"), library("2"));

        Map<String, AugmenterFactory> found = PluginScanner.scanWithFolder(plugins).augmenters();
        assertEquals("library version 1", found.get("alpha").description());
        assertEquals("library version 2", found.get("beta").description());
        assertTrue(found.containsKey("pad-crop"), "the built-ins are still found: " + found.keySet());
    }

    /** The same with each plugin as one jar that bundles its library. */
    @Test
    void singleJarPluginsSeeTheirOwnBundledLibrary() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("alpha-all.jar"), merge(plugin("alpha"), library("1")));
        jar(plugins.resolve("beta-all.jar"), merge(plugin("beta"), library("2")));

        Map<String, AugmenterFactory> found = PluginScanner.scanWithFolder(plugins).augmenters();
        assertEquals("library version 1", found.get("alpha").description());
        assertEquals("library version 2", found.get("beta").description());
    }

    /** A jar without a services file directly in the folder is a library every plugin sees. */
    @Test
    void aTopLevelLibraryJarIsShared() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("alpha.jar"), plugin("alpha"));
        jar(plugins.resolve("beta.jar"), plugin("beta"));
        jar(plugins.resolve("version-3.jar"), library("3"));

        Map<String, AugmenterFactory> found = PluginScanner.scanWithFolder(plugins).augmenters();
        assertEquals("library version 3", found.get("alpha").description());
        assertEquals("library version 3", found.get("beta").description());
    }

    /** A plugin both on the class path and in the folder is an error naming both, not one plugin silently. */
    @Test
    void aPluginOnTheClassPathAndInTheFolderIsAnError() throws IOException {
        Path onClassPath = dir.resolve("alpha-cp.jar");
        jar(onClassPath, merge(plugin("alpha"), library("1")));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("alpha.jar"), merge(plugin("alpha"), library("1")));
        try (URLClassLoader application = new URLClassLoader(new URL[] {onClassPath.toUri().toURL()},
                PluginScanner.class.getClassLoader())) {
            SelfSupException e = assertThrows(SelfSupException.class, () -> PluginFolder.load(plugins, application));
            assertEquals(ErrorCode.DUPLICATE_COMPONENT, e.code());
            assertTrue(e.getMessage().contains("class path") && e.getMessage().contains("alpha-cp.jar")
                    && e.getMessage().contains(plugins.resolve("alpha.jar").toString()), e.getMessage());
        }
    }

    /** A sub-folder with jars of which none lists a plugin is a mistake, said so. */
    @Test
    void aSubFolderWithoutAPluginIsAnError() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar(plugins.resolve("alpha/version-1.jar"), library("1"));
        SelfSupException e = assertThrows(SelfSupException.class, () -> PluginScanner.scanWithFolder(plugins));
        assertTrue(e.getMessage().contains(plugins.resolve("alpha").toString()), e.getMessage());
    }

    /** The SPI and ND4J come from the application whatever a plugin bundles, so their types are one. */
    @Test
    void sharedPackagesComeFromTheParent() {
        assertTrue(PluginClassLoader.shared("org.selfsup4j.core.spi.SslPlugin"));
        assertTrue(PluginClassLoader.shared("org.nd4j.linalg.api.ndarray.INDArray"));
        assertFalse(PluginClassLoader.shared(LIBRARY));
        assertFalse(PluginClassLoader.shared("org.selfsup4j.corex.Thing"));
    }

    private static Map<String, String> plugin(String name) {
        String pkg = "com.example." + name;
        String type = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Plugin";
        return Map.of(pkg + "." + type, """
                package %s;
                import java.util.List;
                import org.selfsup4j.core.config.ComponentConfig;
                import org.selfsup4j.core.spi.*;
                public final class %s implements SslPlugin {
                    @Override public List<AugmenterFactory> augmenterFactories() {
                        return List.of(new AugmenterFactory() {
                            public String name() { return "%s"; }
                            public String description() { return "library version " + %s.get(); }
                            public Augmenter create(ComponentConfig config) { throw new UnsupportedOperationException(); }
                        });
                    }
                }
                """.formatted(pkg, type, name, LIBRARY));
    }

    private static Map<String, String> library(String version) {
        return Map.of(LIBRARY, """
                package com.example.lib;
                public final class Version { public static String get() { return "%s"; } }
                """.formatted(version));
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        return Stream.concat(a.entrySet().stream(), b.entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Compiles {@code sources} (class name → text) against the test class path and writes them as a jar, with a
     * services file listing every {@code *Plugin} class among them. A plugin compiles against a throw-away version of
     * the library, so it does not bundle it unless {@code sources} has it.
     */
    private void jar(Path jar, Map<String, String> sources) throws IOException {
        Path out = Files.createTempDirectory(dir, "classes");
        Path againstLibrary = compile(library("0"), Files.createTempDirectory(dir, "lib"), "");
        compile(sources, out, File.pathSeparator + againstLibrary);
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(file)) {
            try (Stream<Path> classes = Files.walk(out)) {
                for (Path c : classes.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new JarEntry(out.relativize(c).toString().replace('\\', '/')));
                    zip.write(Files.readAllBytes(c));
                    zip.closeEntry();
                }
            }
            List<String> plugins = sources.keySet().stream().filter(n -> n.endsWith("Plugin")).sorted().toList();
            if (!plugins.isEmpty()) {
                zip.putNextEntry(new JarEntry(PluginScanner.SERVICE_FILE));
                zip.write((String.join("\n", plugins) + "\n").getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    private Path compile(Map<String, String> sources, Path out, String extraClassPath) throws IOException {
        Path src = Files.createTempDirectory(dir, "src");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath",
                System.getProperty("java.class.path") + extraClassPath));
        for (var e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new)),
                "compiles " + sources.keySet() + ": " + errors);
        return out;
    }
}
