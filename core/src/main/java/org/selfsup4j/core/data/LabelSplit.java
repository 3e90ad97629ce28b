package org.selfsup4j.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;

/**
 * Which examples of a labeled set are used as labels: {@code n} per class (or all of them), drawn with a seed, so a
 * result can be reproduced and audited, and optionally a validation set carved from those labeled examples
 * ({@link #withValidation}), disjoint from the ones trained on. Written as CSV ({@code index,label,role}, role
 * {@code train} or {@code validation}), one row per chosen example in ascending index order, after a header comment
 * giving n ({@code all} for every example), the validation count per class and the seed. Files of the earlier
 * two-column form ({@code index,label}, every row trained on) still read.
 */
public final class LabelSplit {
    /** The {@link #perClass()} of a split that takes every example. */
    public static final int ALL = 0;
    /** The role column's values. */
    static final String TRAIN = "train";
    static final String VALIDATION = "validation";
    /** Offsets the seed for the validation draw, so carving a validation set does not change the labeled draw. */
    private static final long VALIDATION_STREAM = 0x5eed_7a11L;

    private final int perClass;
    private final int validationPerClass;
    private final long seed;
    private final int[] indices;
    private final int[] validation;

    private LabelSplit(int perClass, int validationPerClass, long seed, int[] indices, int[] validation) {
        this.perClass = perClass;
        this.validationPerClass = validationPerClass;
        this.seed = seed;
        this.indices = indices;
        this.validation = validation;
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
            List<Integer> members = members(data, c, IntStream.range(0, data.size()).toArray());
            Collections.shuffle(members, random);
            chosen.addAll(members.subList(0, perClass));
        }
        return new LabelSplit(perClass, 0, seed, sorted(chosen), new int[0]);
    }

    /** Every example is labeled ({@link #perClass()} is {@link #ALL}); {@code seed} is used by {@link #withValidation}. */
    public static LabelSplit all(LabeledImages data, long seed) {
        return new LabelSplit(ALL, 0, seed, IntStream.range(0, data.size()).toArray(), new int[0]);
    }

    /**
     * This split with {@code perClass} of each class's labeled examples moved to a validation set (a seeded shuffle
     * of the class's labeled examples, from a stream of the seed other than the labeled draw's, the first
     * {@code perClass} taken); the rest stay labeled. The validation examples are then neither trained on nor in
     * {@link #complement}. Fails, naming the class, unless every class keeps at least one labeled example.
     */
    public LabelSplit withValidation(LabeledImages data, int perClass) {
        if (perClass <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Validation images per class must be positive, got " + perClass);
        }
        if (validation.length > 0) {
            throw new IllegalStateException("this split already has a validation set");
        }
        Random random = new Random(seed ^ VALIDATION_STREAM);
        List<Integer> held = new ArrayList<>();
        for (int c = 0; c < data.classNames().size(); c++) {
            List<Integer> members = members(data, c, indices);
            if (members.size() <= perClass) {
                String name = data.classNames().get(c);
                throw new SelfSupException(ErrorCode.TOO_FEW_EXAMPLES, "Class [" + name + "] has " + members.size()
                        + " labeled examples: too few for " + perClass + " validation examples per class and at least"
                        + " one to train on (at most " + Math.max(0, members.size() - 1) + " per class)", name, List.of(), null);
            }
            Collections.shuffle(members, random);
            held.addAll(members.subList(0, perClass));
        }
        int[] val = sorted(held);
        boolean[] isVal = new boolean[data.size()];
        for (int i : val) {
            isVal[i] = true;
        }
        int[] train = Arrays.stream(indices).filter(i -> !isVal[i]).toArray();
        return new LabelSplit(this.perClass, perClass, seed, train, val);
    }

    private static List<Integer> members(LabeledImages data, int c, int[] among) {
        List<Integer> members = new ArrayList<>();
        for (int i : among) {
            if (data.label(i) == c) {
                members.add(i);
            }
        }
        return members;
    }

    private static int[] sorted(List<Integer> chosen) {
        return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** Labeled examples drawn per class, or {@link #ALL}; a validation set is carved from these. */
    public int perClass() {
        return perClass;
    }

    /** Validation examples per class (0: none). */
    public int validationPerClass() {
        return validationPerClass;
    }

    public long seed() {
        return seed;
    }

    /** The indices trained on, ascending; a copy. */
    public int[] indices() {
        return indices.clone();
    }

    /** The validation indices, ascending (empty without a validation set); a copy. */
    public int[] validationIndices() {
        return validation.clone();
    }

    /** The examples trained on. */
    public LabeledImages apply(LabeledImages data) {
        return data.subset(indices);
    }

    /** The validation examples (empty without a validation set). */
    public LabeledImages applyValidation(LabeledImages data) {
        return data.subset(validation);
    }

    /** Every example neither trained on nor held for validation (the unlabeled pool of a semi-supervised run). */
    public int[] complement(int size) {
        boolean[] taken = new boolean[size];
        for (int i : indices) {
            taken[i] = true;
        }
        for (int i : validation) {
            taken[i] = true;
        }
        return IntStream.range(0, size).filter(i -> !taken[i]).toArray();
    }

    /** Writes the split as CSV (see the class comment). */
    public void write(Path file, LabeledImages data) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# per_class=").append(perClass == ALL ? "all" : String.valueOf(perClass))
                .append(" val_per_class=").append(validationPerClass).append(" seed=").append(seed).append('\n');
        sb.append("index,label,role\n");
        int t = 0;
        int v = 0;
        while (t < indices.length || v < validation.length) {
            boolean train = v >= validation.length || (t < indices.length && indices[t] < validation[v]);
            int i = train ? indices[t++] : validation[v++];
            sb.append(i).append(',').append(data.classNames().get(data.label(i))).append(',')
                    .append(train ? TRAIN : VALIDATION).append('\n');
        }
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a split written by {@link #write} (or the earlier two-column form); every index must exist in {@code data}
     * with the label written, and appear once.
     */
    public static LabelSplit read(Path file, LabeledImages data) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Cannot read split file " + file + ": " + e.getMessage(),
                    file.toString(), List.of(), e);
        }
        boolean withRoles = lines.size() >= 2 && lines.get(1).equals("index,label,role");
        if (lines.size() < 2 || !lines.get(0).startsWith("# per_class=") || !(withRoles || lines.get(1).equals("index,label"))) {
            throw badSplit(file, "expected a '# per_class=N val_per_class=V seed=S' line and an 'index,label,role' header");
        }
        int perClass;
        int validationPerClass = 0;
        long seed;
        try {
            String[] head = lines.get(0).substring(2).split(" ");
            String n = value(head[0], "per_class=");
            perClass = n.equals("all") ? ALL : Integer.parseInt(n);
            String last = head[head.length - 1];
            seed = Long.parseLong(value(last, "seed="));
            if (head.length == 3) {
                validationPerClass = Integer.parseInt(value(head[1], "val_per_class="));
            }
        } catch (RuntimeException e) {
            throw badSplit(file, "bad first line [" + lines.get(0) + "]");
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> held = new ArrayList<>();
        boolean[] seen = new boolean[data.size()];
        for (int k = 2; k < lines.size(); k++) {
            String[] cells = lines.get(k).split(",");
            int i;
            try {
                i = Integer.parseInt(cells[0]);
            } catch (RuntimeException e) {
                throw badSplit(file, "line " + (k + 1) + " [" + lines.get(k) + "]");
            }
            if (i < 0 || i >= data.size()) {
                throw badSplit(file, "line " + (k + 1) + ": index " + i + " outside the data (size " + data.size() + ")");
            }
            if (seen[i]) {
                throw badSplit(file, "line " + (k + 1) + ": index " + i + " listed twice");
            }
            seen[i] = true;
            String expected = data.classNames().get(data.label(i));
            if (cells.length < 2 || !cells[1].equals(expected)) {
                throw badSplit(file, "line " + (k + 1) + ": index " + i + " has label [" + expected
                        + "] in the data, the file says [" + (cells.length < 2 ? "" : cells[1]) + "]");
            }
            String role = withRoles && cells.length >= 3 ? cells[2] : withRoles ? "" : TRAIN;
            if (role.equals(TRAIN)) {
                train.add(i);
            } else if (role.equals(VALIDATION)) {
                held.add(i);
            } else {
                throw badSplit(file, "line " + (k + 1) + ": role [" + role + "], expected " + TRAIN + " or " + VALIDATION);
            }
        }
        return new LabelSplit(perClass, validationPerClass, seed, sorted(train), sorted(held));
    }

    private static String value(String field, String key) {
        if (!field.startsWith(key)) {
            throw new IllegalArgumentException(field);
        }
        return field.substring(key.length());
    }

    private static SelfSupException badSplit(Path file, String what) {
        return new SelfSupException(ErrorCode.BAD_SPLIT_FILE, "Bad split file " + file + ": " + what, file.toString(),
                List.of(), null);
    }

    @Override
    public String toString() {
        return "LabelSplit[perClass=" + (perClass == ALL ? "all" : perClass) + ", validationPerClass=" + validationPerClass
                + ", seed=" + seed + ", size=" + indices.length + ", validation=" + validation.length + ", first="
                + Arrays.toString(Arrays.copyOf(indices, Math.min(5, indices.length))) + "]";
    }
}
