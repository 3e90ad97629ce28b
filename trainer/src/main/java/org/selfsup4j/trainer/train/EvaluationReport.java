package org.selfsup4j.trainer.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification scores from a confusion matrix ({@code confusion[actual][predicted]}): accuracy, balanced accuracy
 * (mean per-class recall) and macro-F1 (mean per-class F1; a class with no true and no predicted examples counts 0).
 */
public final class EvaluationReport {
    private final List<String> classNames;
    private final long[][] confusion;

    public EvaluationReport(List<String> classNames, long[][] confusion) {
        this.classNames = List.copyOf(classNames);
        this.confusion = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            this.confusion[i] = confusion[i].clone();
        }
    }

    public long total() {
        long t = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }

    public double accuracy() {
        long correct = 0;
        for (int i = 0; i < confusion.length; i++) {
            correct += confusion[i][i];
        }
        return (double) correct / total();
    }

    /** Recall of class c: correct / actual; NaN for a class with no examples. */
    public double recall(int c) {
        long actual = 0;
        for (long v : confusion[c]) {
            actual += v;
        }
        return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
    }

    public double precision(int c) {
        long predicted = 0;
        for (long[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Mean recall over the classes that have examples. */
    public double balancedAccuracy() {
        double sum = 0;
        int n = 0;
        for (int c = 0; c < confusion.length; c++) {
            double r = recall(c);
            if (!Double.isNaN(r)) {
                sum += r;
                n++;
            }
        }
        return sum / n;
    }

    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < confusion.length; c++) {
            double p = precision(c);
            double r = Double.isNaN(recall(c)) ? 0 : recall(c);
            sum += (p + r) == 0 ? 0 : 2 * p * r / (p + r);
        }
        return sum / confusion.length;
    }

    public long[][] confusion() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** For metrics.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("examples", total());
        m.put("accuracy", accuracy());
        m.put("balanced_accuracy", balancedAccuracy());
        m.put("macro_f1", macroF1());
        m.put("class_names", classNames);
        m.put("confusion", confusion());
        return m;
    }
}
