package org.selfsup4j.trainer.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** PNG plots drawn with Java2D (headless): a training curve and a confusion matrix. */
public final class Plots {
    private Plots() {
    }

    /** Loss per step (thin grey) and its moving average (blue), with labelled axes. */
    public static void trainingCurve(List<Double> losses, String title, Path file) throws IOException {
        int w = 800;
        int h = 480;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 50;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        g.drawString(title, left, 25);
        double max = losses.stream().filter(d -> Double.isFinite(d)).mapToDouble(Double::doubleValue).max().orElse(1);
        double min = Math.min(0, losses.stream().filter(d -> Double.isFinite(d)).mapToDouble(Double::doubleValue).min().orElse(0));
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(Color.GRAY);
        g.drawRect(left, top, pw, ph);
        for (int i = 0; i <= 4; i++) {
            double v = min + (max - min) * i / 4;
            int y = top + ph - (int) (ph * i / 4.0);
            g.drawString(String.format("%.3f", v), 5, y + 4);
        }
        g.drawString("step", left + pw / 2 - 10, h - 15);
        g.drawString("0", left, h - 32);
        g.drawString(String.valueOf(losses.size()), left + pw - 30, h - 32);
        int n = losses.size();
        if (n > 1) {
            g.setColor(new Color(190, 190, 190));
            polyline(g, losses, left, top, pw, ph, min, max);
            int window = Math.max(1, n / 50);
            List<Double> smooth = new java.util.ArrayList<>();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += losses.get(i);
                if (i >= window) {
                    sum -= losses.get(i - window);
                }
                smooth.add(sum / Math.min(i + 1, window));
            }
            g.setColor(new Color(31, 119, 180));
            g.setStroke(new BasicStroke(2f));
            polyline(g, smooth, left, top, pw, ph, min, max);
        }
        g.dispose();
        write(img, file);
    }

    private static void polyline(Graphics2D g, List<Double> ys, int left, int top, int pw, int ph, double min, double max) {
        int n = ys.size();
        int px = -1;
        int py = -1;
        for (int i = 0; i < n; i++) {
            double v = ys.get(i);
            if (!Double.isFinite(v)) {
                continue;
            }
            int x = left + (int) ((double) i / (n - 1) * pw);
            int y = top + ph - (int) ((v - min) / (max - min == 0 ? 1 : max - min) * ph);
            if (px >= 0) {
                g.drawLine(px, py, x, y);
            }
            px = x;
            py = y;
        }
    }

    /**
     * Several series against the step on one axis (NaN values skipped, lines joined across them), each smoothed with a
     * moving average of n/50 steps, with a legend.
     */
    public static void series(java.util.Map<String, List<Double>> series, String title, Path file) throws IOException {
        int w = 900;
        int h = 500;
        int left = 70;
        int right = 170;
        int top = 40;
        int bottom = 50;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        g.drawString(title, left, 25);
        double max = series.values().stream().flatMap(List::stream).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).max().orElse(1);
        double min = Math.min(0, series.values().stream().flatMap(List::stream).filter(Double::isFinite)
                .mapToDouble(Double::doubleValue).min().orElse(0));
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.setColor(Color.GRAY);
        g.drawRect(left, top, pw, ph);
        for (int i = 0; i <= 4; i++) {
            g.drawString(String.format("%.3f", min + (max - min) * i / 4), 5, top + ph - (int) (ph * i / 4.0) + 4);
        }
        g.drawString("step", left + pw / 2 - 10, h - 15);
        int k = 0;
        for (java.util.Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> ys = e.getValue();
            List<Double> finite = new java.util.ArrayList<>();
            List<Integer> xs = new java.util.ArrayList<>();
            for (int i = 0; i < ys.size(); i++) {
                if (Double.isFinite(ys.get(i))) {
                    finite.add(ys.get(i));
                    xs.add(i);
                }
            }
            int window = Math.max(1, finite.size() / 50);
            Color c = PALETTE[k % PALETTE.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            double sum = 0;
            for (int i = 0; i < finite.size(); i++) {
                sum += finite.get(i);
                if (i >= window) {
                    sum -= finite.get(i - window);
                }
                double v = sum / Math.min(i + 1, window);
                int x = left + (int) ((double) xs.get(i) / Math.max(1, ys.size() - 1) * pw);
                int y = top + ph - (int) ((v - min) / (max - min == 0 ? 1 : max - min) * ph);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            legend(g, e.getKey(), k++, w - right, top);
        }
        g.dispose();
        write(img, file);
    }

    /**
     * Accuracy (50-100 %) against the number of labels (log scale, 50 to 100,000), one line per method through the
     * means, with a bar of ± one standard deviation at every point: values are {mean, std} as fractions.
     */
    public static void accuracyAgainstLabels(java.util.Map<String, java.util.Map<Integer, double[]>> accuracy, String title,
                                             Path file) throws IOException {
        int w = 800;
        int right = 230;
        Frame f = Frame.of(w, 500, 70, right, 40, 60, title);
        Graphics2D g = f.g();
        int left = f.left();
        int top = f.top();
        int pw = f.pw();
        int ph = f.ph();
        double logSpan = Math.log(100_000 / 50.0);
        for (int a = 50; a <= 100; a += 10) {
            g.drawString(a + " %", 20, top + ph - (a - 50) * ph / 50 + 4);
        }
        for (int labels : new int[] {100, 1000, 10000, 60000}) {
            int x = left + (int) (Math.log(labels / 50.0) / logSpan * pw);
            g.drawString(String.format("%,d", labels), x - 12, top + ph + 18);
        }
        int k = 0;
        for (java.util.Map.Entry<String, java.util.Map<Integer, double[]>> row : accuracy.entrySet()) {
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            int nudge = (int) Math.round((k - (accuracy.size() - 1) / 2.0) * 5);   // methods side by side at one x
            for (java.util.Map.Entry<Integer, double[]> point : new java.util.TreeMap<>(row.getValue()).entrySet()) {
                int x = left + (int) (Math.log(point.getKey() / 50.0) / logSpan * pw) + nudge;
                double mean = point.getValue()[0];
                double std = point.getValue()[1];
                int y = yOf(mean, top, ph);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (std > 0) {
                    g.setStroke(new BasicStroke(1f));
                    whisker(g, x, yOf(mean + std, top, ph), yOf(mean - std, top, ph), 5);
                    g.setStroke(new BasicStroke(2f));
                }
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            legend(g, row.getKey(), k++, w - right, top);
        }
        g.dispose();
        write(f.img(), file);
    }

    /**
     * Accuracy bars (0-100 %) in groups — one group per key of {@code groups} (protocols), one bar per method inside
     * it, with ± one standard deviation whiskers: values are {mean, std} as fractions. Missing values leave a gap.
     */
    public static void groupedBars(java.util.Map<String, java.util.Map<String, double[]>> groups, List<String> methods,
                                   String title, Path file) throws IOException {
        int w = 900;
        int right = 220;
        Frame f = Frame.of(w, 500, 70, right, 40, 50, title);
        Graphics2D g = f.g();
        int left = f.left();
        int top = f.top();
        int pw = f.pw();
        int ph = f.ph();
        for (int a = 0; a <= 100; a += 20) {
            int y = top + ph - a * ph / 100;
            g.drawString(a + " %", 20, y + 4);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left + 1, y, left + pw - 1, y);
            g.setColor(Color.GRAY);
        }
        int groupWidth = pw / Math.max(1, groups.size());
        int bar = Math.max(4, (groupWidth - 20) / Math.max(1, methods.size()));
        int gi = 0;
        for (java.util.Map.Entry<String, java.util.Map<String, double[]>> group : groups.entrySet()) {
            int x0 = left + gi * groupWidth + 10;
            g.setColor(Color.BLACK);
            int labelWidth = g.getFontMetrics().stringWidth(group.getKey());
            g.drawString(group.getKey(), x0 + Math.max(0, (methods.size() * bar - labelWidth) / 2), top + ph + 20);
            for (int m = 0; m < methods.size(); m++) {
                double[] v = group.getValue().get(methods.get(m));
                if (v == null) {
                    continue;
                }
                int x = x0 + m * bar;
                int y = top + ph - (int) Math.round(Math.max(0, Math.min(1, v[0])) * ph);
                g.setColor(PALETTE[m % PALETTE.length]);
                g.fillRect(x, y, bar - 2, top + ph - y);
                if (v[1] > 0) {
                    g.setColor(Color.BLACK);
                    whisker(g, x + (bar - 2) / 2, top + ph - (int) Math.round(Math.min(1, v[0] + v[1]) * ph),
                            top + ph - (int) Math.round(Math.max(0, v[0] - v[1]) * ph), 3);
                }
            }
            gi++;
        }
        for (int m = 0; m < methods.size(); m++) {
            legend(g, methods.get(m), m, w - right, top);
        }
        g.dispose();
        write(f.img(), file);
    }

    /** A plot's canvas with its title and the grey box of the plotting area ({@code pw} × {@code ph} at left, top). */
    private record Frame(BufferedImage img, Graphics2D g, int left, int top, int pw, int ph) {
        static Frame of(int w, int h, int left, int right, int top, int bottom, String title) {
            BufferedImage img = canvas(w, h);
            Graphics2D g = graphics(img);
            g.drawString(title, left, 25);
            int pw = w - left - right;
            int ph = h - top - bottom;
            g.setColor(Color.GRAY);
            g.drawRect(left, top, pw, ph);
            return new Frame(img, g, left, top, pw, ph);
        }
    }

    /** A vertical ± bar at x from row hi to row lo with end ticks of half-width {@code half}. */
    private static void whisker(Graphics2D g, int x, int hi, int lo, int half) {
        g.drawLine(x, hi, x, lo);
        g.drawLine(x - half, hi, x + half, hi);
        g.drawLine(x - half, lo, x + half, lo);
    }

    /** Pixel row of an accuracy on a 50-100 % axis, clamped to the axis. */
    private static int yOf(double accuracy, int top, int height) {
        double a = Math.max(0.5, Math.min(1.0, accuracy));
        return top + height - (int) ((a - 0.5) / 0.5 * height);
    }

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};

    private static void legend(Graphics2D g, String name, int k, int x0, int top) {
        g.setColor(PALETTE[k % PALETTE.length]);
        g.fillRect(x0 + 15, top + 10 + 20 * k, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString(name, x0 + 32, top + 21 + 20 * k);
    }

    /** Rows: actual class; columns: predicted; cell shade by row share, with counts. */
    public static void confusionMatrix(long[][] confusion, List<String> names, String title, Path file) throws IOException {
        int k = confusion.length;
        int cell = 48;
        int left = 110;
        int top = 110;
        int w = left + k * cell + 20;
        int h = top + k * cell + 30;
        BufferedImage img = canvas(w, h);
        Graphics2D g = graphics(img);
        g.drawString(title, 10, 20);
        g.drawString("predicted →", left, 45);
        g.drawString("actual ↓", 10, top - 10);
        for (int i = 0; i < k; i++) {
            long rowSum = 0;
            for (long v : confusion[i]) {
                rowSum += v;
            }
            g.setColor(Color.BLACK);
            g.drawString(shorten(names.get(i)), 10, top + i * cell + cell / 2 + 4);
            Graphics2D gr = (Graphics2D) g.create();
            gr.rotate(-Math.PI / 4, left + i * cell + 10, top - 5);
            gr.drawString(shorten(names.get(i)), left + i * cell + 10, top - 5);
            gr.dispose();
            for (int j = 0; j < k; j++) {
                double share = rowSum == 0 ? 0 : (double) confusion[i][j] / rowSum;
                int shade = 255 - (int) (share * 200);
                g.setColor(new Color(shade, shade, 255));
                g.fillRect(left + j * cell, top + i * cell, cell, cell);
                g.setColor(Color.GRAY);
                g.drawRect(left + j * cell, top + i * cell, cell, cell);
                g.setColor(share > 0.5 ? Color.WHITE : Color.BLACK);
                g.drawString(String.valueOf(confusion[i][j]), left + j * cell + 6, top + i * cell + cell / 2 + 4);
            }
        }
        g.dispose();
        write(img, file);
    }

    private static String shorten(String s) {
        return s.length() > 12 ? s.substring(0, 11) + "…" : s;
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        return g;
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, tmp -> ImageIO.write(img, "png", tmp.toFile()));
    }
}
