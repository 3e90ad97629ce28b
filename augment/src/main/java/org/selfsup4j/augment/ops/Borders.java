package org.selfsup4j.augment.ops;

/** Border handling shared by the operations that read outside the image. */
public final class Borders {
    private Borders() {
    }

    /** Mirrors index i into [0, n) without repeating the edge pixel (… 2 1 | 0 1 2 … n−1 | n−2 …). */
    public static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
