package org.selfsup4j.pretext.jigsaw;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The permutations a jigsaw network tells apart, chosen as in Noroozi &amp; Favaro (2016, Algorithm 1, "maximal
 * average Hamming distance"): start from a random permutation of all n! orders of n tiles, then repeatedly add the
 * one whose summed Hamming distance to those chosen so far is largest, so that the classes differ in as many tile
 * positions as possible. Sums tie often; the paper's code then takes the first candidate, which can sit 2 swaps from
 * one already chosen. We break ties by the larger minimum distance to the chosen ones (then the first in
 * lexicographic order), which keeps the average maximal and raises the minimum. Reproducible from the seed. Immutable.
 */
public final class PermutationSet {
    private final int tiles;
    private final int[][] permutations;

    private PermutationSet(int tiles, int[][] permutations) {
        this.tiles = tiles;
        this.permutations = permutations;
    }

    /** {@code count} permutations of {@code tiles} tiles by the maximal-average-Hamming rule, seeded. */
    public static PermutationSet maximalHamming(int tiles, int count, long seed) {
        byte[] all = allPermutations(tiles);
        int total = all.length / tiles;
        checkCount(tiles, count, total);
        long[] summed = new long[total];
        int[] nearest = new int[total];
        Arrays.fill(nearest, Integer.MAX_VALUE);
        boolean[] taken = new boolean[total];
        int[][] chosen = new int[count][];
        int next = new Random(seed).nextInt(total);
        for (int k = 0; k < count; k++) {
            taken[next] = true;
            chosen[k] = row(all, next, tiles);
            int best = -1;
            for (int j = 0; j < total; j++) {
                int d = hamming(all, next, j, tiles);
                summed[j] += d;
                nearest[j] = Math.min(nearest[j], d);
                if (!taken[j] && (best < 0 || summed[j] > summed[best]
                        || (summed[j] == summed[best] && nearest[j] > nearest[best]))) {
                    best = j;
                }
            }
            next = best;
        }
        return new PermutationSet(tiles, chosen);
    }

    /** {@code count} distinct permutations drawn uniformly at random: the baseline the chosen set is compared with. */
    public static PermutationSet random(int tiles, int count, long seed) {
        byte[] all = allPermutations(tiles);
        int total = all.length / tiles;
        checkCount(tiles, count, total);
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < total; j++) {
            order.add(j);
        }
        Collections.shuffle(order, new Random(seed));
        int[][] chosen = new int[count][];
        for (int k = 0; k < count; k++) {
            chosen[k] = row(all, order.get(k), tiles);
        }
        return new PermutationSet(tiles, chosen);
    }

    /** Number of permutations (the classes). */
    public int size() {
        return permutations.length;
    }

    /** Number of tiles each permutation orders. */
    public int tiles() {
        return tiles;
    }

    /** Permutation {@code index}: slot i of the shuffled input holds tile {@code get(index)[i]} (a copy). */
    public int[] get(int index) {
        return permutations[index].clone();
    }

    /** Mean Hamming distance over all pairs of the set. */
    public double meanHamming() {
        long sum = 0;
        long pairs = 0;
        for (int a = 0; a < permutations.length; a++) {
            for (int b = a + 1; b < permutations.length; b++) {
                sum += hamming(permutations[a], permutations[b]);
                pairs++;
            }
        }
        return pairs == 0 ? 0 : (double) sum / pairs;
    }

    /** Smallest Hamming distance between two permutations of the set. */
    public int minHamming() {
        int min = tiles;
        for (int a = 0; a < permutations.length; a++) {
            for (int b = a + 1; b < permutations.length; b++) {
                min = Math.min(min, hamming(permutations[a], permutations[b]));
            }
        }
        return min;
    }

    /** The permutations as lists, for recording with the run. */
    public List<List<Integer>> asLists() {
        List<List<Integer>> out = new ArrayList<>();
        for (int[] p : permutations) {
            out.add(Arrays.stream(p).boxed().toList());
        }
        return out;
    }

    static int hamming(int[] a, int[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                d++;
            }
        }
        return d;
    }

    private static int hamming(byte[] all, int a, int b, int tiles) {
        int d = 0;
        int oa = a * tiles;
        int ob = b * tiles;
        for (int i = 0; i < tiles; i++) {
            if (all[oa + i] != all[ob + i]) {
                d++;
            }
        }
        return d;
    }

    private static int[] row(byte[] all, int index, int tiles) {
        int[] p = new int[tiles];
        for (int i = 0; i < tiles; i++) {
            p[i] = all[index * tiles + i];
        }
        return p;
    }

    private static void checkCount(int tiles, int count, int total) {
        if (count <= 1 || count > total) {
            throw new IllegalArgumentException("a set of " + count + " permutations of " + tiles
                    + " tiles is impossible: between 2 and " + total + " (" + tiles + "!)");
        }
    }

    /** All n! permutations of 0..n-1 in lexicographic order, n values each, in one array. */
    static byte[] allPermutations(int n) {
        if (n < 2 || n > 9) {
            throw new IllegalArgumentException("2 to 9 tiles, got " + n);
        }
        int total = 1;
        for (int i = 2; i <= n; i++) {
            total *= i;
        }
        byte[] out = new byte[total * n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) i;
        }
        for (int k = 0; k < total; k++) {
            System.arraycopy(p, 0, out, k * n, n);
            nextPermutation(p);
        }
        return out;
    }

    private static void nextPermutation(byte[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        byte t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
    }
}
