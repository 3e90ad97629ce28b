package org.selfsup4j.trainer.backend;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Native work buffers of one thread, by slot, grown to the largest request and then kept: the convolution backward
 * reorders its arrays into oneDNN's blocked layouts here, layer after layer, instead of each layer holding its own
 * (a network's convolutions run one at a time on the training thread, so one set serves them all). Aligned to 64
 * bytes, as oneDNN's kernels prefer. Not for use by two threads: get it with {@link #ofThisThread()}.
 */
final class NativeScratch {
    private static final int ALIGNMENT = 64;
    private static final ThreadLocal<NativeScratch> PER_THREAD = ThreadLocal.withInitial(NativeScratch::new);

    private final BytePointer[] blocks = new BytePointer[Slot.values().length];
    private final long[] sizes = new long[Slot.values().length];

    /** What a block holds. */
    enum Slot {
        SOURCE, OUTPUT_GRADIENT, OUTPUT_GRADIENT_FOR_DATA, INPUT_GRADIENT, WEIGHTS, WEIGHT_GRADIENT
    }

    private NativeScratch() {
    }

    /** The calling thread's buffers. */
    static NativeScratch ofThisThread() {
        return PER_THREAD.get();
    }

    /** The start of slot {@code slot}, at least {@code bytes} long, 64-byte aligned; contents undefined. */
    Pointer get(Slot slot, long bytes) {
        int i = slot.ordinal();
        if (sizes[i] < bytes) {
            if (blocks[i] != null) {
                blocks[i].close();
            }
            blocks[i] = new BytePointer(bytes + ALIGNMENT);
            sizes[i] = bytes;
        }
        long start = blocks[i].address();
        return at((start + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT);
    }

    /** A pointer to {@code address} (JavaCPP has no public constructor for one). */
    static Pointer at(long start) {
        return new Pointer() {
            {
                address = start;   // (a parameter named "address" would be shadowed here by Pointer's field)
            }
        };
    }
}
