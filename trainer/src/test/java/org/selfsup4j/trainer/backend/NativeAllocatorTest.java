package org.selfsup4j.trainer.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeAllocatorTest {
    private static final String GLIBC_MAPS = """
            55d0c0a00000-55d0c0a01000 r--p 00000000 fe:01 1311 /usr/lib/jvm/java-17-openjdk-amd64/bin/java
            7f0a1c000000-7f0a1c021000 rw-p 00000000 00:00 0
            7f0a2d400000-7f0a2d426000 r--p 00000000 fe:01 2001 /usr/lib/x86_64-linux-gnu/libc.so.6
            7f0a2e000000-7f0a2e400000 r-xp 00000000 fe:01 3001 /root/.javacpp/cache/x/libnd4jcpu.so
            7ffd1e9f0000-7ffd1ea11000 rw-p 00000000 00:00 0 [stack]
            """;

    @Test
    void aPreloadedJemallocIsNamed() {
        String maps = GLIBC_MAPS + "7f0a2f000000-7f0a2f040000 r-xp 00000000 fe:01 4001 "
                + "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n";
        assertEquals("jemalloc", NativeAllocator.fromMaps(maps));
    }

    @Test
    void withoutAnAllocatorLibraryItIsGlibc() {
        assertEquals("glibc", NativeAllocator.fromMaps(GLIBC_MAPS));
    }

    @Test
    void aLibraryThatOnlyMentionsTheNameInItsFolderDoesNotCount() {
        String maps = "7f0a2f000000-7f0a2f040000 r-xp 00000000 fe:01 4001 /opt/jemalloc-build/libfoo.so\n";
        assertEquals("glibc", NativeAllocator.fromMaps(maps));
    }
}
