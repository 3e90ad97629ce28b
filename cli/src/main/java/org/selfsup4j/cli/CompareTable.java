package org.selfsup4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.selfsup4j.trainer.run.AtomicFiles;
import org.selfsup4j.trainer.run.Plots;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.run.RunStatus;

/**
 * The result of a {@code selfsup compare}: test accuracy per method (random initialisation and each pretext task) and
 * protocol, mean ± sample standard deviation over the seeds whose runs completed, and minutes per run (pretraining
 * included). Read from the run folders alone, so it can be rebuilt at any time.
 */
final class CompareTable {
    static final String MARKDOWN = "compare.md";
    static final String CSV = "compare.csv";
    static final String PLOT = "compare.png";

    /** One finished evaluation run. */
    record Result(String method, Protocol protocol, Integer labels, long seed, double accuracy, double balanced, double macroF1,
                  double pretrainSeconds, double evalSeconds) {
    }

    private final List<String> methods;
    private final List<Protocol> protocols;
    private final List<Integer> labels;
    private final List<Result> results;

    private CompareTable(List<String> methods, List<Protocol> protocols, List<Integer> labels, List<Result> results) {
        this.methods = methods;
        this.protocols = protocols;
        this.labels = labels;
        this.results = results;
    }

    static boolean completed(Path runDir) {
        return Files.isRegularFile(runDir.resolve(RunFolder.RUN_FILE)) && RunStatus.read(runDir).state().equals("completed");
    }

    static CompareTable read(Path out, List<String> methods, List<Protocol> protocols, List<Integer> labelCounts,
                             List<Long> seeds) throws IOException {
        List<Result> results = new ArrayList<>();
        for (String method : methods) {
            for (Protocol p : protocols) {
                for (Integer labels : labelCounts) {
                    for (long seed : seeds) {
                        Result r = result(out, method, p, labels, seed);
                        if (r != null) {
                            results.add(r);
                        }
                    }
                }
            }
        }
        return new CompareTable(methods, protocols, labelCounts, results);
    }

    /** The finished evaluation run of one cell and seed, or null if it has not completed. */
    private static Result result(Path out, String method, Protocol p, Integer labels, long seed) throws IOException {
        Path dir = out.resolve(CompareCommand.Method.evalFolder(method, p, labels, seed));
        if (!completed(dir)) {
            return null;
        }
        String json = Files.readString(dir.resolve(RunFolder.RUN_FILE));
        int at = json.indexOf("\"test\": {");
        if (at < 0) {
            return null;
        }
        double pretrain = 0;
        Path pre = out.resolve(CompareCommand.Method.pretrainFolder(method, seed));
        if (!method.equals(CompareCommand.RANDOM_INIT) && completed(pre)) {
            String pj = Files.readString(pre.resolve(RunFolder.RUN_FILE));
            pretrain = value(pj, pj.indexOf("\"pretrain\": {"), "seconds");
        }
        String section = p == Protocol.KNN ? "\"knn\": {" : "\"finetune\": {";
        return new Result(method, p, labels, seed, value(json, at, "accuracy"), value(json, at, "balanced_accuracy"),
                value(json, at, "macro_f1"), pretrain, value(json, json.indexOf(section), "seconds"));
    }

    private static double value(String json, int from, String key) {
        Double v = from < 0 ? null : BenchReportCommand.number(json, from, key);
        return v == null ? Double.NaN : v;
    }

    private List<Result> of(String method, Protocol p, Integer n) {
        return results.stream().filter(r -> r.method().equals(method) && r.protocol() == p
                && Objects.equals(r.labels(), n)).toList();
    }

    List<Double> accuracies(String method, Protocol p, Integer n) {
        return of(method, p, n).stream().map(Result::accuracy).toList();
    }

    private double minutes(String method, Protocol p, Integer n) {
        return of(method, p, n).stream().mapToDouble(r -> (r.pretrainSeconds() + r.evalSeconds()) / 60).average()
                .orElse(Double.NaN);
    }

    /** One table per label count, in the order given. */
    String markdown() {
        StringBuilder b = new StringBuilder();
        for (Integer n : labels) {
            if (labels.size() > 1 || n != null) {
                b.append(n == null ? "All labeled images:\n\n" : n + " labeled images per class:\n\n");
            }
            b.append(markdown(n));
            if (labels.size() > 1) {
                b.append('\n');
            }
        }
        return b.toString();
    }

    private String markdown(Integer n) {
        StringBuilder b = new StringBuilder("| method |");
        for (Protocol p : protocols) {
            b.append(' ').append(p.name().toLowerCase()).append(" |");
        }
        for (Protocol p : protocols) {
            b.append(" minutes per run, ").append(p.name().toLowerCase()).append(" |");
        }
        b.append(" seeds |\n|---|");
        b.append("---:|".repeat(2 * protocols.size() + 1)).append('\n');
        for (String method : methods) {
            b.append("| ").append(method.equals(CompareCommand.RANDOM_INIT) ? "random init (no pretraining)" : method).append(" |");
            int seeds = 0;
            for (Protocol p : protocols) {
                List<Double> a = accuracies(method, p, n);
                seeds = Math.max(seeds, a.size());
                b.append(' ').append(BenchReportCommand.meanStd(a)).append(" |");
            }
            for (Protocol p : protocols) {
                double m = minutes(method, p, n);
                b.append(Double.isNaN(m) ? " – |" : String.format(Locale.ROOT, " %.1f |", m));
            }
            b.append(' ').append(seeds).append(" |\n");
        }
        return b.toString();
    }

    String csv() {
        StringBuilder b = new StringBuilder(
                "method,protocol,labels_per_class,seed,accuracy,balanced_accuracy,macro_f1,pretrain_seconds,eval_seconds\n");
        for (Result r : results) {
            b.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.4f,%.4f,%.1f,%.1f%n", r.method(),
                    r.protocol().name().toLowerCase(), r.labels() == null ? "all" : r.labels(), r.seed(), r.accuracy(), r.balanced(), r.macroF1(),
                    r.pretrainSeconds(), r.evalSeconds()));
        }
        return b.toString();
    }

    void write(Path out) throws IOException {
        AtomicFiles.writeString(out.resolve(MARKDOWN), markdown());
        AtomicFiles.writeString(out.resolve(CSV), csv());
        Map<String, Map<String, double[]>> groups = new LinkedHashMap<>();
        for (Integer n : labels) {
            for (Protocol p : protocols) {
                Map<String, double[]> bars = new LinkedHashMap<>();
                for (String method : methods) {
                    List<Double> a = accuracies(method, p, n);
                    if (!a.isEmpty()) {
                        bars.put(method, new double[] {BenchReportCommand.mean(a), BenchReportCommand.std(a)});
                    }
                }
                groups.put(p.name().toLowerCase() + (n == null ? "" : ", " + n + "/class"), bars);
            }
        }
        Plots.groupedBars(groups, methods, "test accuracy by protocol (bars: ± 1 std over seeds)", out.resolve(PLOT));
    }
}
