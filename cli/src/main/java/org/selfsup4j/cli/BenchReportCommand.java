package org.selfsup4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * (as {@code bench/label-efficiency.sh} makes them). Test accuracy and balanced accuracy come from the run's test
 * evaluation ({@code "test"} of a semisup run, {@code "evaluate"} of an {@code eval} sub-run); CPU minutes are the
 * wall-clock training seconds of all its runs (pretraining included) on this 2-core machine. Only runs whose
 * folder the script marked {@code .complete} count.
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

    /** One table cell's runs; {@code raw} holds the raw-weight accuracies of runs that evaluate an EMA too. */
    record Cell(List<Double> accuracy, List<Double> balanced, List<Double> raw, List<Double> minutes) {
    }

    @Override
    public Integer call() throws IOException {
        Map<String, Map<Integer, Cell>> table = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Matcher m = NAME.matcher(dir.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                double[] result = Files.exists(dir.resolve(".complete")) ? result(dir) : null;
                if (result == null) {
                    continue;
                }
                Cell cell = table.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new Cell(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                cell.accuracy().add(result[0]);
                cell.balanced().add(result[1]);
                cell.minutes().add(result[2]);
                if (!Double.isNaN(result[3])) {
                    cell.raw().add(result[3]);
                }
            }
        }
        StringBuilder md = new StringBuilder("| method | labels | test accuracy (mean ± std) | balanced accuracy | raw weights (no EMA) | CPU minutes per run | seeds |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                Cell c = cell.getValue();
                String raw = c.raw().isEmpty() ? "–"
                        : String.format("%.2f %% ± %.2f", 100 * mean(c.raw()), 100 * std(c.raw()));
                md.append(String.format("| %s | %,d | %.2f %% ± %.2f | %.2f %% | %s | %.1f | %d |%n", row.getKey(), cell.getKey(),
                        100 * mean(c.accuracy()), 100 * std(c.accuracy()), 100 * mean(c.balanced()), raw,
                        mean(c.minutes()), c.accuracy().size()));
            }
        }
        AtomicFiles.writeString(out, md.toString());
        System.out.print(md);
        if (plot != null) {
            plot(table, plot);
        }
        return 0;
    }

    /**
     * {accuracy, balanced accuracy, training minutes, raw-weight accuracy or NaN}, or null if the run did not
     * complete. A semi-supervised run's headline is its EMA weights ({@code "test"}); {@code "test-raw"} is the other.
     */
    static double[] result(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("run.json")).toList();
        }
        Double accuracy = null;
        Double balanced = null;
        double raw = Double.NaN;
        double seconds = 0;
        for (Path f : files) {
            String json = Files.readString(f);
            if (!json.contains("\"status\": \"completed\"")) {
                return null;
            }
            for (String section : List.of("\"test\": {", "\"evaluate\": {")) {
                int at = json.indexOf(section);
                if (at >= 0) {
                    accuracy = number(json, at, "accuracy");
                    balanced = number(json, at, "balanced_accuracy");
                }
            }
            int rawAt = json.indexOf("\"test-raw\": {");
            if (rawAt >= 0) {
                raw = number(json, rawAt, "accuracy");
            }
            Matcher m = Pattern.compile("\"seconds\": ([0-9.Ee+-]+)").matcher(json);
            while (m.find()) {
                seconds += Double.parseDouble(m.group(1));
            }
        }
        return accuracy == null ? null : new double[] {accuracy, balanced, seconds / 60, raw};
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
            cells.forEach((labels, cell) -> m.put(labels, new double[] {mean(cell.accuracy()), std(cell.accuracy())}));
            points.put(row, m);
        });
        Plots.accuracyAgainstLabels(points, "Fashion-MNIST test accuracy against labeled images (log scale; bars: ± 1 std over seeds)", file);
    }
}
