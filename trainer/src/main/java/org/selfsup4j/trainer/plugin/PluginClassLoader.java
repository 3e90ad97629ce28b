package org.selfsup4j.trainer.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin: its own jars first ("child-first"), so two plugins may bundle different versions of
 * one library, except for the packages every plugin must share with selfsup4j — the JDK, SLF4J, ND4J, DL4J, DataVec,
 * JavaCPP (native libraries can be loaded once per process) and the SPI in {@code org.selfsup4j.core} — which come
 * from the parent first (and from the plugin only when the parent has no such class).
 */
final class PluginClassLoader extends URLClassLoader {
    /** Package prefixes loaded parent-first. */
    static final List<String> SHARED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.",
            "org.slf4j.", "org.nd4j.", "org.deeplearning4j.", "org.datavec.", "org.bytedeco.", "org.selfsup4j.core.");

    static {
        registerAsParallelCapable();
    }

    private final String name;

    PluginClassLoader(String name, URL[] jars, ClassLoader parent) {
        super("plugin " + name, jars, parent);
        this.name = name;
    }

    /** The plugin's name in messages: its jar's or its folder's file name. */
    String pluginName() {
        return name;
    }

    static boolean shared(String className) {
        return SHARED.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
        if (shared(className)) {
            return super.loadClass(className, resolve);
        }
        synchronized (getClassLoadingLock(className)) {
            Class<?> type = findLoadedClass(className);
            if (type == null) {
                try {
                    type = findClass(className);
                } catch (ClassNotFoundException notOurs) {
                    type = getParent().loadClass(className);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }

    @Override
    public URL getResource(String resource) {
        URL own = findResource(resource);
        return own != null ? own : getParent().getResource(resource);
    }

    @Override
    public Enumeration<URL> getResources(String resource) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(resource)));
        all.addAll(Collections.list(getParent().getResources(resource)));
        return Collections.enumeration(all);
    }
}
