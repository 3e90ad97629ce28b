package org.selfsup4j.pretext.jigsaw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermutationSetTest {
    @Test
    void allPermutationsAreTheNFactorialOrdersInLexicographicOrder() {
        byte[] all = PermutationSet.allPermutations(3);
        assertEquals(6 * 3, all.length);
        assertEquals("[0, 1, 2, 0, 2, 1, 1, 0, 2, 1, 2, 0, 2, 0, 1, 2, 1, 0]", Arrays.toString(all));
        assertEquals(362_880 * 9, PermutationSet.allPermutations(9).length);
    }

    @Test
    void maximalHammingSetHasDistinctValidPermutationsReproducibleFromTheSeed() {
        PermutationSet a = PermutationSet.maximalHamming(9, 100, 1);
        PermutationSet b = PermutationSet.maximalHamming(9, 100, 1);
        PermutationSet other = PermutationSet.maximalHamming(9, 100, 2);
        assertEquals(100, a.size());
        Set<List<Integer>> distinct = new HashSet<>(a.asLists());
        assertEquals(100, distinct.size());
        for (List<Integer> p : a.asLists()) {
            assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8), new HashSet<>(p));
        }
        assertEquals(a.asLists(), b.asLists());
        assertNotEquals(a.asLists(), other.asLists());
    }

    /** The chosen set spreads its classes further apart than a random set of the same size (means and minima). */
    @Test
    void maximalHammingSetIsFartherApartThanARandomSet() {
        PermutationSet chosen = PermutationSet.maximalHamming(9, 100, 1);
        double randomMean = 0;
        int randomMin = 9;
        for (long seed = 1; seed <= 5; seed++) {
            PermutationSet random = PermutationSet.random(9, 100, seed);
            randomMean += random.meanHamming() / 5;
            randomMin = Math.min(randomMin, random.minHamming());
        }
        System.out.printf("jigsaw permutations (9 tiles, 100): chosen mean %.3f min %d; random mean %.3f min %d%n",
                chosen.meanHamming(), chosen.minHamming(), randomMean, randomMin);
        assertTrue(chosen.meanHamming() > randomMean + 0.05, chosen.meanHamming() + " vs " + randomMean);
        assertTrue(chosen.minHamming() > randomMin, chosen.minHamming() + " vs " + randomMin);
    }

    @Test
    void twoByTwoSetOfAllTwentyFourIsEveryPermutation() {
        PermutationSet all = PermutationSet.maximalHamming(4, 24, 3);
        assertEquals(24, new HashSet<>(all.asLists()).size());
        assertEquals(1, PermutationSet.hamming(new int[] {0, 1, 2}, new int[] {0, 1, 3}));
        assertThrows(IllegalArgumentException.class, () -> PermutationSet.maximalHamming(4, 25, 3));
    }
}
