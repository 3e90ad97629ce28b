package org.selfsup4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.selfsup4j.trainer.run.AtomicFiles;
import org.selfsup4j.trainer.run.Plots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code selfsup bench report}: the label-efficiency table from a folder of runs named {@code ROW-LABELS-sSEED}
 * (as {@code bench/label-efficiency.sh} makes them). Scores come from the runs' test evaluations (see
 * {@link #result}); CPU minutes are the wall-clock training seconds of all its runs (pretraining included) on this
 * 2-core machine. Only runs whose folder the script marked {@code .complete} count.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Label-efficiency table and plot from benchmark runs.")
final class BenchReportCommand implements Callable<Integer> {
    private static final Pattern NAME = Pattern.compile("(.+)-(\\d+)-s(\\d+)");

    @Option(names = "--runs", required = true, description = "folder of ROW-LABELS-sSEED run folders")
    Path runs;

    @Option(names = "--out", required = true, description = "markdown file to write")
    Path out;

    @Option(names = "--plot", description = "PNG of accuracy against the number of labels")
    Path plot;

    /**
     * One table cell's runs: the headline accuracy (EMA weights with batch-norm statistics re-estimated when every run
     * of the cell has it, else EMA weights as averaged) and its balanced accuracy, then each evaluation's accuracies
     * as far as the runs have them.
     */
    record Cell(List<Double> headline, List<Double> balanced, List<Double> bn, List<Double> ema, List<Double> raw,
                List<Double> minutes) {
        static Cell empty() {
            return new Cell(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }
    }

    /**
     * One completed run's scores, NaN where not measured: EMA weights with batch norm re-estimated (by the semisup run
     * itself or by a {@code recalibrate-bn} run inside its folder), EMA weights as averaged, raw weights; the balanced
     * accuracies of the first two; training minutes (pretraining included, re-estimation not).
     */
    record RunResult(double bn, double bnBalanced, double ema, double emaBalanced, double raw, double minutes) {
        double headline() {
            return Double.isNaN(bn) ? ema : bn;
        }

        double headlineBalanced() {
            return Double.isNaN(bn) ? emaBalanced : bnBalanced;
        }
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Map<Integer, List<RunResult>>> runsByCell = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Matcher m = NAME.matcher(dir.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                RunResult result = Files.exists(dir.resolve(".complete")) ? result(dir) : null;
                if (result == null) {
                    continue;
                }
                runsByCell.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(result);
            }
        }
        Map<String, Map<Integer, Cell>> table = new TreeMap<>();
        runsByCell.forEach((row, cells) -> cells.forEach((labels, results) ->
                table.computeIfAbsent(row, k -> new TreeMap<>()).put(labels, cell(results))));
        StringBuilder md = new StringBuilder("| method | labels | test accuracy (mean ± std) | balanced accuracy "
                + "| EMA, BN re-estimated | EMA as averaged | raw weights (no EMA) | CPU minutes per run | seeds |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                Cell c = cell.getValue();
                md.append(String.format("| %s | %,d | %s | %.2f %% | %s | %s | %s | %.1f | %d |%n", row.getKey(),
                        cell.getKey(), meanStd(c.headline()), 100 * mean(c.balanced()),
                        meanStd(c.bn()), meanStd(c.ema()), meanStd(c.raw()), mean(c.minutes()), c.headline().size()));
            }
        }
        md.append("\nTest accuracy is the EMA weights with batch-norm statistics re-estimated where every run of the row "
                + "has that, else the EMA weights as averaged; the other columns are over the runs that measured them.\n");
        AtomicFiles.writeString(out, md.toString());
        System.out.print(md);
        if (plot != null) {
            plot(table, plot);
        }
        return 0;
    }

    private static Cell cell(List<RunResult> results) {
        Cell c = Cell.empty();
        boolean allBn = results.stream().noneMatch(r -> Double.isNaN(r.bn()));
        for (RunResult r : results) {
            c.headline().add(allBn ? r.bn() : r.ema());
            c.balanced().add(allBn ? r.bnBalanced() : r.emaBalanced());
            c.minutes().add(r.minutes());
            addIfMeasured(c.bn(), r.bn());
            addIfMeasured(c.ema(), r.ema());
            addIfMeasured(c.raw(), r.raw());
        }
        return c;
    }

    private static void addIfMeasured(List<Double> to, double v) {
        if (!Double.isNaN(v)) {
            to.add(v);
        }
    }

    /**
     * Fractions as "mean % ± sample std" in percentage points; one value as "value % (1 run)", since a spread needs two;
     * none as "–".
     */
    static String meanStd(List<Double> v) {
        if (v.isEmpty()) {
            return "–";
        }
        return v.size() == 1 ? String.format(Locale.ROOT, "%.2f %% (1 run)", 100 * v.get(0))
                : String.format(Locale.ROOT, "%.2f %% ± %.2f", 100 * mean(v), 100 * std(v));
    }

    /**
     * The scores of the run in {@code dir} and the runs inside it, or null if one of them did not complete. A semisup
     * run's {@code "test"} is its EMA weights, re-estimated when its config says {@code bn_reestimation_images} above
     * 0; {@code "test-raw"} its raw weights; a {@code recalibrate-bn} run's {@code "test"} the re-estimated EMA; an
     * {@code evaluate} run's {@code "evaluate"} the model it scored (for rows without EMA).
     */
    static RunResult result(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("run.json")).sorted().toList();
        }
        double[] bn = {Double.NaN, Double.NaN};
        double[] ema = {Double.NaN, Double.NaN};
        double raw = Double.NaN;
        double seconds = 0;
        for (Path f : files) {
            String json = Files.readString(f);
            if (!json.contains("\"status\": \"completed\"")) {
                return null;
            }
            boolean recalibration = json.contains("\"command\": \"recalibrate-bn\"");
            Double reestimatedOn = number(json, 0, "bn_reestimation_images");
            for (String section : List.of("\"test\": {", "\"evaluate\": {")) {
                int at = json.indexOf(section);
                if (at >= 0) {
                    double[] into = recalibration || (reestimatedOn != null && reestimatedOn > 0) ? bn : ema;
                    into[0] = number(json, at, "accuracy");
                    into[1] = number(json, at, "balanced_accuracy");
                }
            }
            int rawAt = json.indexOf("\"test-raw\": {");
            if (rawAt >= 0) {
                raw = number(json, rawAt, "accuracy");
            }
            if (!recalibration) {
                Matcher m = Pattern.compile("\"seconds\": ([0-9.Ee+-]+)").matcher(json);
                while (m.find()) {
                    seconds += Double.parseDouble(m.group(1));
                }
            }
        }
        if (Double.isNaN(bn[0]) && Double.isNaN(ema[0])) {
            return null;
        }
        return new RunResult(bn[0], bn[1], ema[0], ema[1], raw, seconds / 60);
    }

    static Double number(String json, int from, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": ([0-9.Ee+-]+)").matcher(json);
        return m.find(from) ? Double.parseDouble(m.group(1)) : null;
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double std(List<Double> v) {
        if (v.size() < 2) {
            return 0;
        }
        double m = mean(v);
        return Math.sqrt(v.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / (v.size() - 1));
    }

    static void plot(Map<String, Map<Integer, Cell>> table, Path file) throws IOException {
        Map<String, Map<Integer, double[]>> points = new TreeMap<>();
        table.forEach((row, cells) -> {
            Map<Integer, double[]> m = new TreeMap<>();
            cells.forEach((labels, cell) -> m.put(labels, new double[] {mean(cell.headline()), std(cell.headline())}));
            points.put(row, m);
        });
        Plots.accuracyAgainstLabels(points, "Fashion-MNIST test accuracy against labeled images (log scale; bars: ± 1 std over seeds)", file);
    }
}
