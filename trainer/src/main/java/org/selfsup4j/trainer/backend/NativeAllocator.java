package org.selfsup4j.trainer.backend;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which native memory allocator serves this process: ND4J's, oneDNN's and OpenBLAS's memory comes from it, so peak
 * memory and speed depend on it and run.json records it. The launcher preloads jemalloc when it is installed
 * ({@code SELFSUP_MALLOC}); a program that embeds selfsup4j runs with whatever allocator it was started with.
 * With glibc the launcher also starts the JVM with {@code -XX:TrimNativeHeapInterval=1000}, which hands the freed
 * native memory glibc's arenas keep back to the system once a second; {@link #trimIntervalMillis()} reports it.
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

    /**
     * The JVM's native-heap trim interval in milliseconds ({@code -XX:TrimNativeHeapInterval}; JDK 17.0.9 and later),
     * 0 when trimming is off or this JVM has no such option.
     */
    public static long trimIntervalMillis() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return vm == null ? 0 : Long.parseLong(vm.getVMOption("TrimNativeHeapInterval").getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | SecurityException e) {
            return 0;   // an older JVM (no such option) or a non-HotSpot one
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
