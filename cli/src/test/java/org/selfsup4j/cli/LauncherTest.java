package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code selfsup} launcher's choice of native allocator ({@code SELFSUP_MALLOC}) and glibc's periodic trim, run
 * as a user runs it, with {@code SELFSUP_CLASSPATH} set to this test's class path so that it builds nothing.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "selfsup").toAbsolutePath().normalize();
    private static final List<Path> JEMALLOC = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"),
            Path.of("/usr/lib/aarch64-linux-gnu/libjemalloc.so.2"), Path.of("/usr/lib64/libjemalloc.so.2"),
            Path.of("/usr/lib/libjemalloc.so.2"), Path.of("/usr/local/lib/libjemalloc.so.2"));

    private record Result(int exit, String output) {
    }

    /** Runs {@code selfsup --version} with {@code SELFSUP_MALLOC=malloc} (unset when null) and no JAVA_OPTS. */
    private static Result launch(String malloc) throws IOException, InterruptedException {
        return launch(malloc, null);
    }

    /** As {@link #launch(String)}, with {@code JAVA_OPTS=javaOpts} when not null. */
    private static Result launch(String malloc, String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", LAUNCHER.toString(), "--version").redirectErrorStream(true);
        pb.environment().put("SELFSUP_CLASSPATH", System.getProperty("java.class.path"));
        if (malloc == null) {
            pb.environment().remove("SELFSUP_MALLOC");
        } else {
            pb.environment().put("SELFSUP_MALLOC", malloc);
        }
        pb.environment().remove("LD_PRELOAD");
        if (javaOpts == null) {
            pb.environment().remove("JAVA_OPTS");
        } else {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private static boolean jemallocInstalled() {
        return JEMALLOC.stream().anyMatch(Files::isRegularFile);
    }

    @Test
    void glibcIsTheDefaultAndRunsWithoutAPreloadedAllocator() throws Exception {
        for (String choice : new String[] {null, "glibc"}) {
            Result r = launch(choice);
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("malloc glibc, trimmed every 1000 ms"), choice + ": " + r.output());
        }
    }

    @Test
    void ownJavaOptionsReplaceTheDefaultsTrimmingIncluded() throws Exception {
        Result r = launch(null, "-Xmx256m");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("malloc glibc)"), r.output());
    }

    @Test
    void jemallocIsPreloadedWhenInstalledAndOtherwiseRefusedWithThePackageToInstall() throws Exception {
        Result r = launch("jemalloc");
        if (jemallocInstalled()) {
            assertEquals(0, r.exit(), r.output());
            assertTrue(r.output().contains("malloc jemalloc)"), r.output());   // no trim: jemalloc returns memory
        } else {
            assertEquals(2, r.exit(), r.output());
            assertTrue(r.output().contains("apt-get install libjemalloc2"), r.output());
        }
    }

    @Test
    void anUnknownChoiceIsRefusedListingTheKnownOnes() throws Exception {
        Result r = launch("tcmallc");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("unknown SELFSUP_MALLOC [tcmallc], known: [glibc, jemalloc]"), r.output());
    }
}
