package org.selfsup4j.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
import javax.imageio.ImageIO;
import org.selfsup4j.trainer.run.AtomicFiles;
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

    record Cell(List<Double> accuracy, List<Double> balanced, List<Double> minutes) {
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
                        .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new Cell(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                cell.accuracy().add(result[0]);
                cell.balanced().add(result[1]);
                cell.minutes().add(result[2]);
            }
        }
        StringBuilder md = new StringBuilder("| method | labels | test accuracy (mean ± std) | balanced accuracy | CPU minutes per run | seeds |\n|---|---:|---:|---:|---:|---:|\n");
        for (var row : table.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                Cell c = cell.getValue();
                md.append(String.format("| %s | %,d | %.2f %% ± %.2f | %.2f %% | %.1f | %d |%n", row.getKey(), cell.getKey(),
                        100 * mean(c.accuracy()), 100 * std(c.accuracy()), 100 * mean(c.balanced()), mean(c.minutes()),
                        c.accuracy().size()));
            }
        }
        AtomicFiles.writeString(out, md.toString());
        System.out.print(md);
        if (plot != null) {
            plot(table, plot);
        }
        return 0;
    }

    /** {accuracy, balanced accuracy, training minutes}, or null if the run did not complete. */
    static double[] result(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("run.json")).toList();
        }
        Double accuracy = null;
        Double balanced = null;
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
            Matcher m = Pattern.compile("\"seconds\": ([0-9.Ee+-]+)").matcher(json);
            while (m.find()) {
                seconds += Double.parseDouble(m.group(1));
            }
        }
        return accuracy == null ? null : new double[] {accuracy, balanced, seconds / 60};
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
        int w = 800;
        int h = 500;
        int left = 70;
        int right = 230;
        int top = 40;
        int bottom = 60;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString("Fashion-MNIST test accuracy against labeled images (log scale)", left, 25);
        int pw = w - left - right;
        int ph = h - top - bottom;
        double minLabels = 50;
        double maxLabels = 100_000;
        double lo = 0.5;
        double hi = 1.0;
        g.setColor(Color.GRAY);
        g.drawRect(left, top, pw, ph);
        for (double a = lo; a <= hi + 1e-9; a += 0.1) {
            int y = top + ph - (int) ((a - lo) / (hi - lo) * ph);
            g.drawString(String.format("%.0f %%", 100 * a), 20, y + 4);
        }
        for (int labels : new int[] {100, 1000, 10000, 60000}) {
            int x = left + (int) (Math.log(labels / minLabels) / Math.log(maxLabels / minLabels) * pw);
            g.drawString(String.format("%,d", labels), x - 12, top + ph + 18);
        }
        Color[] palette = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189)};
        int k = 0;
        for (var row : table.entrySet()) {
            g.setColor(palette[k % palette.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (var cell : row.getValue().entrySet()) {
                int x = left + (int) (Math.log(cell.getKey() / minLabels) / Math.log(maxLabels / minLabels) * pw);
                double a = Math.max(lo, mean(cell.getValue().accuracy()));
                int y = top + ph - (int) ((a - lo) / (hi - lo) * ph);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.fillRect(w - right + 15, top + 10 + 20 * k, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(row.getKey(), w - right + 32, top + 21 + 20 * k);
            k++;
        }
        g.dispose();
        AtomicFiles.write(file, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}
