package org.selfsup4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;

class LabelSplitTest {
    @TempDir
    Path dir;

    /** 3 classes with 5, 7 and 2 examples; pixel value = index so subsets can be checked. */
    static LabeledImages data() {
        int[] labels = {0, 1, 1, 0, 2, 1, 0, 1, 1, 0, 1, 2, 0, 1};
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            images.add(new Image(1, 1, 1, new float[] {i}));
        }
        return new LabeledImages(images, labels, List.of("a", "b", "c"));
    }

    @Test
    void takesExactlyNPerClassAndTheSameSeedGivesTheSameSplit() {
        LabelSplit s = LabelSplit.perClass(data(), 2, 7);
        assertArrayEquals(new int[] {2, 2, 2}, s.apply(data()).classCounts());
        assertArrayEquals(s.indices(), LabelSplit.perClass(data(), 2, 7).indices());
        boolean differs = false;
        for (long seed = 8; seed < 20 && !differs; seed++) {
            differs = !Arrays.equals(s.indices(), LabelSplit.perClass(data(), 2, seed).indices());
        }
        assertTrue(differs, "another seed should pick other examples");
    }

    @Test
    void complementHoldsEveryOtherExample() {
        LabelSplit s = LabelSplit.perClass(data(), 1, 3);
        int[] rest = s.complement(14);
        assertEquals(11, rest.length);
        for (int i : s.indices()) {
            assertFalse(Arrays.stream(rest).anyMatch(r -> r == i));
        }
    }

    @Test
    void tooManyPerClassNamesTheClass() {
        SelfSupException e = assertThrows(SelfSupException.class, () -> LabelSplit.perClass(data(), 3, 1));
        assertEquals(ErrorCode.TOO_FEW_EXAMPLES, e.code());
        assertTrue(e.getMessage().contains("[c]") && e.getMessage().contains("2 examples"), e.getMessage());
    }

    @Test
    void writtenSplitReadsBackAndIsCheckedAgainstTheData() throws IOException {
        LabelSplit s = LabelSplit.perClass(data(), 2, 11);
        Path f = dir.resolve("split.csv");
        s.write(f, data());
        LabelSplit back = LabelSplit.read(f, data());
        assertArrayEquals(s.indices(), back.indices());
        assertEquals(11, back.seed());
        // the same file against data with other labels is refused
        int[] otherLabels = data().labels();
        otherLabels[s.indices()[0]] = (otherLabels[s.indices()[0]] + 1) % 3;
        LabeledImages other = new LabeledImages(data().images(), otherLabels, data().classNames());
        SelfSupException e = assertThrows(SelfSupException.class, () -> LabelSplit.read(f, other));
        assertEquals(ErrorCode.BAD_SPLIT_FILE, e.code());
    }

    @Test
    void validationIsCarvedFromTheLabeledExamplesAndDisjointFromTraining() {
        LabelSplit labeled = LabelSplit.perClass(data(), 2, 5);
        LabelSplit s = labeled.withValidation(data(), 1);
        assertArrayEquals(new int[] {1, 1, 1}, s.apply(data()).classCounts());
        assertArrayEquals(new int[] {1, 1, 1}, s.applyValidation(data()).classCounts());
        List<Integer> before = Arrays.stream(labeled.indices()).boxed().toList();
        for (int v : s.validationIndices()) {
            assertTrue(before.contains(v), "validation example " + v + " should be one of the labeled draw's");
            assertFalse(Arrays.stream(s.indices()).anyMatch(t -> t == v), "validation example " + v + " is also trained on");
        }
        for (int t : s.indices()) {
            assertTrue(before.contains(t), "the labeled draw itself must not change");
        }
        int[] rest = s.complement(14);
        assertEquals(14 - 6, rest.length, "the validation examples are not unlabeled images either");
        assertArrayEquals(s.validationIndices(), labeled.withValidation(data(), 1).validationIndices(), "seeded");
    }

    @Test
    void validationFromEveryExampleKeepsTheRestForTraining() {
        LabelSplit s = LabelSplit.all(data(), 3).withValidation(data(), 1);
        assertEquals(LabelSplit.ALL, s.perClass());
        assertArrayEquals(new int[] {4, 6, 1}, s.apply(data()).classCounts());
        assertEquals(0, s.complement(14).length);
    }

    @Test
    void aValidationSetThatLeavesNothingToTrainOnNamesTheClass() {
        SelfSupException e = assertThrows(SelfSupException.class, () -> LabelSplit.all(data(), 1).withValidation(data(), 2));
        assertEquals(ErrorCode.TOO_FEW_EXAMPLES, e.code());
        assertTrue(e.getMessage().contains("[c]") && e.getMessage().contains("at most 1"), e.getMessage());
    }

    @Test
    void rolesAreWrittenAndReadBack() throws IOException {
        LabelSplit s = LabelSplit.perClass(data(), 2, 4).withValidation(data(), 1);
        Path f = dir.resolve("split.csv");
        s.write(f, data());
        List<String> lines = java.nio.file.Files.readAllLines(f);
        assertEquals("# per_class=2 val_per_class=1 seed=4", lines.get(0));
        assertEquals("index,label,role", lines.get(1));
        assertEquals(2 + 6, lines.size());
        assertEquals(3, lines.stream().filter(l -> l.endsWith(",validation")).count());
        LabelSplit back = LabelSplit.read(f, data());
        assertArrayEquals(s.indices(), back.indices());
        assertArrayEquals(s.validationIndices(), back.validationIndices());
        assertEquals(1, back.validationPerClass());
    }

    @Test
    void theEarlierTwoColumnFormStillReads() throws IOException {
        Path f = dir.resolve("old.csv");
        java.nio.file.Files.writeString(f, "# per_class=1 seed=9\nindex,label\n0,a\n1,b\n4,c\n");
        LabelSplit back = LabelSplit.read(f, data());
        assertArrayEquals(new int[] {0, 1, 4}, back.indices());
        assertEquals(0, back.validationIndices().length);
        assertEquals(9, back.seed());
    }

    @Test
    void anUnknownRoleOrARepeatedIndexIsRefused() throws IOException {
        Path f = dir.resolve("bad.csv");
        java.nio.file.Files.writeString(f, "# per_class=1 val_per_class=0 seed=9\nindex,label,role\n0,a,test\n");
        SelfSupException e = assertThrows(SelfSupException.class, () -> LabelSplit.read(f, data()));
        assertTrue(e.getMessage().contains("role [test]") && e.getMessage().contains("train or validation"), e.getMessage());
        java.nio.file.Files.writeString(f, "# per_class=1 val_per_class=0 seed=9\nindex,label,role\n0,a,train\n0,a,validation\n");
        e = assertThrows(SelfSupException.class, () -> LabelSplit.read(f, data()));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }
}
