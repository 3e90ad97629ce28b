package org.selfsup4j.trainer.run;

import java.io.PrintStream;
import org.selfsup4j.trainer.train.StepListener;

/**
 * A one-line progress bar with the running loss and the time left, redrawn at most five times a second, for
 * terminals; when the output is not a terminal it prints a plain line every 10 % instead.
 */
public final class Progress implements StepListener {
    private final String label;
    private final PrintStream out;
    private final boolean terminal;
    private long lastDraw;
    private double smoothed = Double.NaN;
    private int lastDecile = -1;

    public Progress(String label, PrintStream out, boolean terminal) {
        this.label = label;
        this.out = out;
        this.terminal = terminal;
    }

    /** For the process's standard error. */
    public static Progress toStderr(String label) {
        return new Progress(label, System.err, System.console() != null);
    }

    @Override
    public void stepDone(long step, long total, double loss, long elapsedNanos) {
        smoothed = Double.isNaN(smoothed) ? loss : 0.95 * smoothed + 0.05 * loss;
        double seconds = elapsedNanos / 1e9;
        double eta = step == 0 ? 0 : seconds / step * (total - step);
        if (terminal) {
            long now = System.nanoTime();
            if (step == total || now - lastDraw > 200_000_000L) {
                lastDraw = now;
                int width = 30;
                int filled = (int) (width * step / Math.max(1, total));
                out.printf("\r%s [%s%s] %d/%d loss %.4f  %s left ", label, "#".repeat(filled), " ".repeat(width - filled),
                        step, total, smoothed, clock(eta));
                if (step == total) {
                    out.println();
                }
                out.flush();
            }
        } else {
            int decile = (int) (10 * step / Math.max(1, total));
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf("%s %d/%d loss %.4f elapsed %s left %s%n", label, step, total, smoothed, clock(seconds), clock(eta));
            }
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
