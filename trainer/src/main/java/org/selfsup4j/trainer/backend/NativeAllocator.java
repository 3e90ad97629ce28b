package org.selfsup4j.trainer.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which native memory allocator serves this process: ND4J's, oneDNN's and OpenBLAS's memory comes from it, so peak
 * memory and speed depend on it and run.json records it. The launcher preloads jemalloc when it is installed
 * ({@code SELFSUP_MALLOC}); a program that embeds selfsup4j runs with whatever allocator it was started with.
 */
public final class NativeAllocator {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private NativeAllocator() {
    }

    /** {@code jemalloc}, {@code tcmalloc}, {@code mimalloc} or {@code glibc} on Linux; {@code unknown} elsewhere. */
    public static String describe() {
        try {
            return fromMaps(Files.readString(MAPS));
        } catch (IOException | SecurityException e) {
            return "unknown";
        }
    }

    /** The allocator named by the libraries mapped in a {@code /proc/PID/maps} listing (the first one wins). */
    static String fromMaps(String maps) {
        for (String line : maps.split("\n")) {
            int slash = line.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String file = line.substring(slash + 1).toLowerCase(Locale.ROOT);
            for (String name : new String[] {"jemalloc", "tcmalloc", "mimalloc"}) {
                if (file.startsWith("lib" + name)) {
                    return name;
                }
            }
        }
        return "glibc";
    }
}
