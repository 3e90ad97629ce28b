package org.selfsup4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.run.RunFolder;

/**
 * What a command does when its run fails in any way: the run's status becomes {@code failed: <message>} (never left
 * {@code running}), and the failure goes on as a {@link SelfSupException} with a clear message and exit code — out of
 * memory says which memory (the Java heap or ND4J's native arrays), how much there was and what to change, an I/O
 * failure (disk full, permissions) exits 5 naming the cause.
 */
final class RunFailure {
    private RunFailure() {
    }

    /** Records {@code failure} in {@code run} and returns the exception to throw. */
    static Exception record(RunFolder run, Throwable failure) {
        SelfSupException clear = clear(failure);
        Exception thrown = clear != null ? clear : failure instanceof Exception e ? e : new RuntimeException(failure);
        try {
            run.finish("failed: " + thrown.getMessage());
        } catch (IOException | RuntimeException e) {
            thrown.addSuppressed(e);
        }
        return thrown;
    }

    /** The clear form of {@code failure}, or null when it has none (then it goes on as it is). */
    static SelfSupException clear(Throwable failure) {
        if (failure instanceof SelfSupException s) {
            return s;
        }
        if (failure instanceof OutOfMemoryError && String.valueOf(failure.getMessage()).contains("physicalBytes")) {
            return new SelfSupException(ErrorCode.OUT_OF_MEMORY, "Out of native memory: ND4J's arrays reached this "
                    + "process's limit (JavaCPP's maxphysicalbytes, " + Pointer.maxPhysicalBytes() / (1 << 20)
                    + " MB; the launcher sets 3/4 of the machine's memory); use fewer images per step (--batch, "
                    + "--labeled-batch) or smaller images (--resize)", null, List.of(), failure);
        }
        if (failure instanceof OutOfMemoryError) {
            return new SelfSupException(ErrorCode.OUT_OF_MEMORY, "Out of memory: the Java heap (at most "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB) is too small for this run; give it more, for "
                    + "example JAVA_OPTS=-Xmx12g ./selfsup ..., or use fewer or smaller images (--limit, --resize)",
                    null, List.of(), failure);
        }
        Throwable io = failure instanceof UncheckedIOException u ? u.getCause() : failure;
        if (io instanceof IOException e) {
            return new SelfSupException(ErrorCode.IO_FAILURE, "I/O failure: " + e, null, List.of(), e);
        }
        return null;
    }
}
