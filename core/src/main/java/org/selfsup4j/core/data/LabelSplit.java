package org.selfsup4j.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Which examples of a labeled set are used as labels: {@code n} per class, drawn with a seed, so a result can be
 * reproduced and audited. Written as CSV ({@code index,label}), one row per chosen example in ascending index
 * order, with a header comment giving n and the seed.
 */
public final class LabelSplit {
    private final int perClass;
    private final long seed;
    private final int[] indices;

    private LabelSplit(int perClass, long seed, int[] indices) {
        this.perClass = perClass;
        this.seed = seed;
        this.indices = indices;
    }

    /**
     * Chooses {@code perClass} examples of every class: a seeded shuffle of each class's indices, the first
     * {@code perClass} kept. Fails, naming the class, if a class has fewer.
     */
    public static LabelSplit perClass(LabeledImages data, int perClass, long seed) {
        if (perClass <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Labels per class must be positive, got " + perClass);
        }
        int[] counts = data.classCounts();
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < perClass) {
                throw new SelfSupException(ErrorCode.TOO_FEW_EXAMPLES, "Class [" + data.classNames().get(c) + "] has "
                        + counts[c] + " examples, fewer than the " + perClass + " per class asked for",
                        data.classNames().get(c), List.of(), null);
            }
        }
        Random random = new Random(seed);
        List<Integer> chosen = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                if (data.label(i) == c) {
                    members.add(i);
                }
            }
            java.util.Collections.shuffle(members, random);
            chosen.addAll(members.subList(0, perClass));
        }
        int[] idx = chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new LabelSplit(perClass, seed, idx);
    }

    public int perClass() {
        return perClass;
    }

    public long seed() {
        return seed;
    }

    /** The chosen indices, ascending; a copy. */
    public int[] indices() {
        return indices.clone();
    }

    /** The chosen examples. */
    public LabeledImages apply(LabeledImages data) {
        return data.subset(indices);
    }

    /** Every example not chosen (the unlabeled pool of a semi-supervised run). */
    public int[] complement(int size) {
        boolean[] taken = new boolean[size];
        for (int i : indices) {
            taken[i] = true;
        }
        return java.util.stream.IntStream.range(0, size).filter(i -> !taken[i]).toArray();
    }

    /** Writes the split as CSV (see the class comment). */
    public void write(Path file, LabeledImages data) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# per_class=").append(perClass).append(" seed=").append(seed).append('\n');
        sb.append("index,label\n");
        for (int i : indices) {
            sb.append(i).append(',').append(data.classNames().get(data.label(i))).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /** Reads a split written by {@link #write}; every index must exist in {@code data} with the label written. */
    public static LabelSplit read(Path file, LabeledImages data) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Cannot read split file " + file + ": " + e.getMessage(),
                    file.toString(), List.of(), e);
        }
        if (lines.size() < 2 || !lines.get(0).startsWith("# per_class=") || !lines.get(1).equals("index,label")) {
            throw badSplit(file, "expected a '# per_class=N seed=S' line and an 'index,label' header");
        }
        String[] head = lines.get(0).substring(2).split(" ");
        int perClass;
        long seed;
        try {
            perClass = Integer.parseInt(head[0].substring("per_class=".length()));
            seed = Long.parseLong(head[1].substring("seed=".length()));
        } catch (RuntimeException e) {
            throw badSplit(file, "bad first line [" + lines.get(0) + "]");
        }
        int[] idx = new int[lines.size() - 2];
        for (int k = 2; k < lines.size(); k++) {
            String[] cells = lines.get(k).split(",");
            try {
                idx[k - 2] = Integer.parseInt(cells[0]);
            } catch (RuntimeException e) {
                throw badSplit(file, "line " + (k + 1) + " [" + lines.get(k) + "]");
            }
            if (idx[k - 2] < 0 || idx[k - 2] >= data.size()) {
                throw badSplit(file, "line " + (k + 1) + ": index " + idx[k - 2] + " outside the data (size " + data.size() + ")");
            }
            String expected = data.classNames().get(data.label(idx[k - 2]));
            if (cells.length < 2 || !cells[1].equals(expected)) {
                throw badSplit(file, "line " + (k + 1) + ": index " + idx[k - 2] + " has label [" + expected
                        + "] in the data, the file says [" + (cells.length < 2 ? "" : cells[1]) + "]");
            }
        }
        return new LabelSplit(perClass, seed, idx);
    }

    private static SelfSupException badSplit(Path file, String what) {
        return new SelfSupException(ErrorCode.BAD_SPLIT_FILE, "Bad split file " + file + ": " + what, file.toString(),
                List.of(), null);
    }

    @Override
    public String toString() {
        return "LabelSplit[perClass=" + perClass + ", seed=" + seed + ", size=" + indices.length + ", first="
                + Arrays.toString(Arrays.copyOf(indices, Math.min(5, indices.length))) + "]";
    }
}
