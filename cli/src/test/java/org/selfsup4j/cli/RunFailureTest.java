package org.selfsup4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

class RunFailureTest {
    @Test
    void nativeOutOfMemoryPointsAtTheBatchNotTheHeap() {
        // JavaCPP's words when ND4J's arrays pass -Dorg.bytedeco.javacpp.maxphysicalbytes
        SelfSupException e = RunFailure.clear(new OutOfMemoryError("Physical memory usage is too high: physicalBytes "
                + "(19000M) > maxPhysicalBytes (18000M)"));
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
        assertTrue(e.getMessage().startsWith("Out of native memory") && e.getMessage().contains("--batch")
                && !e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void heapOutOfMemoryPointsAtTheHeap() {
        SelfSupException e = RunFailure.clear(new OutOfMemoryError("Java heap space"));
        assertEquals(ErrorCode.OUT_OF_MEMORY, e.code());
        assertTrue(e.getMessage().contains("the Java heap") && e.getMessage().contains("-Xmx"), e.getMessage());
    }
}
