package org.selfsup4j.trainer.data;

import java.util.Random;

/** Independent, reproducible random streams derived from a run seed (SplitMix64 mixing). */
public final class Seeds {
    private Seeds() {
    }

    /** A {@link Random} for stream {@code (a, b)} of {@code seed}: distinct streams do not overlap in practice. */
    public static Random stream(long seed, long a, long b) {
        return new Random(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (a + 1)) + b));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A permutation of 0..n-1 for epoch {@code epoch} of {@code seed}. */
    public static int[] permutation(int n, long seed, long epoch) {
        return permutation(n, stream(seed, -1, epoch));
    }

    /** A uniformly random permutation of 0..n-1 drawn from {@code random} (Fisher–Yates). */
    public static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
