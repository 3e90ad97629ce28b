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
}
