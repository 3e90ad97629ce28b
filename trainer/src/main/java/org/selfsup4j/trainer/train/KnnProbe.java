package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;

/**
 * A k-nearest-neighbour probe of frozen features, as in Wu et al. (2018, "Unsupervised feature learning via
 * non-parametric instance discrimination", section 3.4): the pooled backbone features of the labeled images are
 * L2-normalised into a memory bank; a query's k most cosine-similar bank entries vote for their classes with weight
 * exp(s / τ), and the class with the largest summed weight wins (ties: the lower class index). Nothing is trained.
 * Immutable once built.
 */
public final class KnnProbe {
    /** Wu et al.'s defaults are k = 200 on ImageNet; with a few labels per class a smaller k fits. */
    public static final int DEFAULT_K = 20;
    public static final double DEFAULT_TEMPERATURE = 0.07;

    private final TrainedModel model;
    private final ComputationGraph extractor;
    private final INDArray bank;
    private final int[] bankLabels;
    private final List<String> classNames;
    private final int k;
    private final double temperature;

    private KnnProbe(TrainedModel model, ComputationGraph extractor, INDArray bank, int[] bankLabels,
                     List<String> classNames, int k, double temperature) {
        this.model = model;
        this.extractor = extractor;
        this.bank = bank;
        this.bankLabels = bankLabels;
        this.classNames = classNames;
        this.k = k;
        this.temperature = temperature;
    }

    /** A probe of {@code model}'s backbone with the labeled images as its memory bank. */
    public static KnnProbe fit(TrainedModel model, LabeledImages labeled, int k, double temperature, int batchSize) {
        Objects.requireNonNull(model, "model is null");
        if (k <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "k must be a positive number of neighbours, got " + k,
                    String.valueOf(k), List.of(), null);
        }
        if (!(temperature > 0)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The kNN temperature must be positive, got " + temperature,
                    String.valueOf(temperature), List.of(), null);
        }
        model.requireChannels(labeled.shape());
        LabeledImages data = model.convert(labeled);
        ComputationGraph extractor = Networks.featureExtractor(model.graph(), data.shape());
        INDArray bank = features(extractor, data.images(), batchSize);
        return new KnnProbe(model, extractor, bank, labeled.labels().clone(), labeled.classNames(), Math.min(k, labeled.size()),
                temperature);
    }

    /** Scores the probe on {@code test} (same class names, in the same order, as the labeled images). */
    public EvaluationReport evaluate(LabeledImages test, int batchSize) {
        if (!test.classNames().equals(classNames)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The test classes " + test.classNames()
                    + " differ from the labeled classes " + classNames, test.classNames().toString(), classNames, null);
        }
        int classes = classNames.size();
        long[][] confusion = new long[classes][classes];
        for (int from = 0; from < test.size(); from += batchSize) {
            List<Image> part = test.images().subList(from, Math.min(test.size(), from + batchSize));
            int[] predicted = predict(bank, bankLabels, classes, features(extractor, model.convert(part), batchSize), k, temperature);
            for (int i = 0; i < predicted.length; i++) {
                confusion[test.label(from + i)][predicted[i]]++;
            }
        }
        return new EvaluationReport(classNames, confusion);
    }

    /**
     * The weighted vote for each row of {@code queries} (L2-normalised, like {@code bank}): the {@code k} bank rows
     * of highest cosine similarity s add exp(s / τ) to their class.
     */
    static int[] predict(INDArray bank, int[] bankLabels, int classes, INDArray queries, int k, double temperature) {
        float[][] sims = queries.mmul(bank.transpose()).toFloatMatrix();
        int[] out = new int[sims.length];
        for (int q = 0; q < sims.length; q++) {
            float[] s = sims[q];
            int[] top = topK(s, k);
            double[] votes = new double[classes];
            for (int j : top) {
                votes[bankLabels[j]] += Math.exp(s[j] / temperature);
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[best]) {
                    best = c;
                }
            }
            out[q] = best;
        }
        return out;
    }

    /** Indices of the k largest values (ties: the lower index first). */
    static int[] topK(float[] values, int k) {
        int[] top = new int[k];
        int filled = 0;
        for (int j = 0; j < values.length; j++) {
            int pos = filled;
            while (pos > 0 && values[top[pos - 1]] < values[j]) {
                pos--;
            }
            if (pos < k) {
                int end = Math.min(filled, k - 1);
                System.arraycopy(top, pos, top, pos + 1, end - pos);
                top[pos] = j;
                filled = Math.min(filled + 1, k);
            }
        }
        return top;
    }

    /** L2-normalised pooled features, one row per image. */
    static INDArray features(ComputationGraph extractor, List<Image> images, int requestedBatch) {
        int batchSize = Batches.inferenceBatch(requestedBatch, images.get(0).shape(), 1);
        INDArray[] parts = new INDArray[(images.size() + batchSize - 1) / batchSize];
        for (int b = 0; b < parts.length; b++) {
            int from = b * batchSize;
            int to = Math.min(images.size(), from + batchSize);
            parts[b] = extractor.outputSingle(false, Batches.features(images.subList(from, to))).dup();
        }
        INDArray f = parts.length == 1 ? parts[0] : Nd4j.vstack(parts);
        INDArray norms = f.norm2(1).addi(1e-12).reshape(f.size(0), 1);
        return f.diviColumnVector(norms);
    }
}
