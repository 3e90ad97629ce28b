package org.selfsup4j.trainer.backend;

import java.nio.FloatBuffer;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization of NCHW float activations in few memory passes, as a {@link BatchNormalizationHelper} of DL4J's
 * standard {@code BatchNormalization} layer (so saved models keep the standard layer and load in plain DL4J).
 *
 * <p>Forward (training): one pass for the per-channel sums of {@code x - k} and {@code (x - k)^2} (in double, shifted
 * by the channel's first value {@code k} so that the variance does not cancel), one pass for {@code y = a x + b} with
 * {@code a = gamma / sqrt(var + eps)} and {@code b = beta - mean a}. The variance is the biased (population) one, as
 * DL4J's own path and its oneDNN helper use. Inference: the one output pass with the global statistics.
 *
 * <p>Backward: one pass for {@code sum(dy)} and {@code sum(dy (x - mean))}, which give {@code dBeta} and {@code dGamma},
 * and one pass for {@code dx = k1 dy + k2 x + k3}, the exact gradient through the batch statistics
 * ({@code k1 = gamma / sigma}, {@code k2 = -gamma sum(dy (x - mean)) / (M sigma^3)}, {@code k3 = -k1 sum(dy) / M - k2 mean},
 * with {@code M} values per channel). DL4J's oneDNN helper instead computes the statistics with generic ND4J reductions
 * and runs oneDNN's inference primitive, then recomputes the batch-statistic terms of {@code dx} in about eight more
 * full-tensor passes.
 *
 * <p>Each example's {@code C*H*W} values are copied once per pass into a reused Java array (bulk copies, at memory
 * speed), where the per-channel loops run and vectorise; the examples are split between {@link RowWorkers}' threads.
 * One helper belongs to one layer of one network and is not used by two threads at once (as DL4J's layers). Anything else (other data types, NHWC, ranks other than 2
 * and 4) goes to the helper this one replaced ({@code fallback}, DL4J's oneDNN helper), so no case loses its fast path.
 */
public final class FastBatchNormHelper implements BatchNormalizationHelper {
    private final BatchNormalizationHelper fallback;
    private INDArray meanCache;
    private INDArray varCache;
    /** Whether the last training-mode forward pass ran here (true) or in {@link #fallback}. */
    private boolean lastForwardHere;
    private final RowBuffers[] rows = new RowBuffers[RowWorkers.THREADS];

    /** @param fallback the helper for inputs this one does not handle (DL4J's oneDNN helper); not null */
    public FastBatchNormHelper(BatchNormalizationHelper fallback) {
        this.fallback = java.util.Objects.requireNonNull(fallback, "fallback");
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new RowBuffers();
        }
    }

    /** The helper used for inputs this one does not handle. */
    public BatchNormalizationHelper fallback() {
        return fallback;
    }

    private static boolean handles(INDArray x, CNN2DFormat format) {
        return x.dataType() == DataType.FLOAT && x.rank() == 4 && format != CNN2DFormat.NHWC
                && x.length() < Integer.MAX_VALUE && x.size(1) > 0 && x.size(0) > 0;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return fallback.checkSupported(eps, fixedGammaBeta);
    }

    @Override
    public boolean checkSupported() {
        return fallback.checkSupported();
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return fallback.helperMemoryUse();
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return lastForwardHere ? meanCache : fallback.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return lastForwardHere ? varCache : fallback.getVarCache(dataType);
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta, INDArray mean,
                              INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(x, format)) {
            if (training) {
                lastForwardHere = false;
            }
            return fallback.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        x = contiguous(x);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int s = (int) (x.size(2) * x.size(3));
        float[] g = vector(gamma, c, 1f);
        float[] bt = vector(beta, c, 0f);
        float[] mu;
        float[] sigma2;
        if (training) {
            double[][] stats = statistics(x, n, c, s);
            mu = new float[c];
            sigma2 = new float[c];
            for (int ch = 0; ch < c; ch++) {
                mu[ch] = (float) stats[0][ch];
                sigma2[ch] = (float) stats[1][ch];
            }
            storeCaches(mu, sigma2);
            lastForwardHere = true;
        } else {
            mu = vector(mean, c, 0f);
            sigma2 = vector(var, c, 1f);
        }
        float[] a = new float[c];
        float[] b = new float[c];
        for (int ch = 0; ch < c; ch++) {
            a[ch] = (float) (g[ch] / Math.sqrt(sigma2[ch] + eps));
            b[ch] = bt[ch] - mu[ch] * a[ch];
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        affine(x, out, n, c, s, a, b);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!handles(input, format) || !lastForwardHere || !java.util.Arrays.equals(input.shape(), epsilon.shape())) {
            return fallback.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        INDArray x = contiguous(input);
        INDArray dy = contiguous(epsilon);
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int s = (int) (x.size(2) * x.size(3));
        float[] g = vector(gamma, c, 1f);
        float[] mu = meanCache.toFloatVector();
        float[] sigma2 = varCache.toFloatVector();
        double[][] sums = gradientSums(x, dy, n, c, s, mu);
        double m = (double) n * s;
        float[] k1 = new float[c];
        float[] k2 = new float[c];
        float[] k3 = new float[c];
        float[] dGamma = new float[c];
        float[] dBeta = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double inv = 1.0 / Math.sqrt(sigma2[ch] + eps);
            double sumDy = sums[0][ch];
            double sumDyXmu = sums[1][ch];
            dBeta[ch] = (float) sumDy;
            dGamma[ch] = (float) (sumDyXmu * inv);
            double c1 = g[ch] * inv;
            double c2 = -g[ch] * inv * inv * inv * sumDyXmu / m;
            k1[ch] = (float) c1;
            k2[ch] = (float) c2;
            k3[ch] = (float) (-c1 * sumDy / m - c2 * mu[ch]);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        inputGradient(x, dy, dx, n, c, s, k1, k2, k3);
        Gradient gradient = new DefaultGradient();
        if (dGammaView != null) {
            dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
            dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        }
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** Per channel: {@code [0]} the mean, {@code [1]} the biased variance, of {@code x} ([n, c, s] in c order). */
    private double[][] statistics(INDArray x, int n, int c, int s) {
        FloatBuffer in = buffer(x);
        int base = start(in);
        int row = c * s;
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            shift[ch] = in.get(base + ch * s);   // example 0's first value: keeps the sums of squares from cancelling
        }
        double[][][] partial = new double[RowWorkers.THREADS][2][c];
        RowWorkers.forRows(n, (from, to, worker) -> {
            float[] r = rows[worker].a(row);
            double[] sum = partial[worker][0];
            double[] sumSq = partial[worker][1];
            for (int i = from; i < to; i++) {
                in.get(base + i * row, r, 0, row);
                for (int ch = 0; ch < c; ch++) {
                    float k = shift[ch];
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    double q0 = 0;
                    double q1 = 0;
                    double q2 = 0;
                    double q3 = 0;
                    int j = ch * s;
                    int end = j + s;
                    for (; j + 3 < end; j += 4) {
                        float d0 = r[j] - k;
                        float d1 = r[j + 1] - k;
                        float d2 = r[j + 2] - k;
                        float d3 = r[j + 3] - k;
                        s0 += d0;
                        s1 += d1;
                        s2 += d2;
                        s3 += d3;
                        q0 += d0 * d0;
                        q1 += d1 * d1;
                        q2 += d2 * d2;
                        q3 += d3 * d3;
                    }
                    for (; j < end; j++) {
                        float d = r[j] - k;
                        s0 += d;
                        q0 += d * d;
                    }
                    sum[ch] += (s0 + s1) + (s2 + s3);
                    sumSq[ch] += (q0 + q1) + (q2 + q3);
                }
            }
        });
        double m = (double) n * s;
        double[] mean = new double[c];
        double[] variance = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            double sumSq = 0;
            for (double[][] p : partial) {
                sum += p[0][ch];
                sumSq += p[1][ch];
            }
            double d = sum / m;
            mean[ch] = shift[ch] + d;
            variance[ch] = Math.max(0, sumSq / m - d * d);
        }
        return new double[][] {mean, variance};
    }

    /** {@code out = a[ch] x + b[ch]}. */
    private void affine(INDArray x, INDArray out, int n, int c, int s, float[] a, float[] b) {
        FloatBuffer in = buffer(x);
        FloatBuffer to = buffer(out);
        int inBase = start(in);
        int outBase = start(to);
        int row = c * s;
        RowWorkers.forRows(n, (from, until, worker) -> {
            float[] r = rows[worker].a(row);
            for (int i = from; i < until; i++) {
                in.get(inBase + i * row, r, 0, row);
                for (int ch = 0; ch < c; ch++) {
                    float ac = a[ch];
                    float bc = b[ch];
                    int end = (ch + 1) * s;
                    for (int j = ch * s; j < end; j++) {
                        r[j] = r[j] * ac + bc;
                    }
                }
                to.put(outBase + i * row, r, 0, row);
            }
        });
    }

    /** Per channel: {@code [0]} sum of dy, {@code [1]} sum of dy (x - mean). */
    private double[][] gradientSums(INDArray x, INDArray dy, int n, int c, int s, float[] mu) {
        FloatBuffer xb = buffer(x);
        FloatBuffer db = buffer(dy);
        int xBase = start(xb);
        int dBase = start(db);
        int row = c * s;
        double[][][] partial = new double[RowWorkers.THREADS][2][c];
        RowWorkers.forRows(n, (from, to, worker) -> {
            float[] rx = rows[worker].a(row);
            float[] rd = rows[worker].b(row);
            double[] sumDy = partial[worker][0];
            double[] sumDyX = partial[worker][1];
            for (int i = from; i < to; i++) {
                xb.get(xBase + i * row, rx, 0, row);
                db.get(dBase + i * row, rd, 0, row);
                for (int ch = 0; ch < c; ch++) {
                    float k = mu[ch];
                    double s0 = 0;
                    double s1 = 0;
                    double s2 = 0;
                    double s3 = 0;
                    double p0 = 0;
                    double p1 = 0;
                    double p2 = 0;
                    double p3 = 0;
                    int j = ch * s;
                    int end = j + s;
                    for (; j + 3 < end; j += 4) {
                        float e0 = rd[j];
                        float e1 = rd[j + 1];
                        float e2 = rd[j + 2];
                        float e3 = rd[j + 3];
                        s0 += e0;
                        s1 += e1;
                        s2 += e2;
                        s3 += e3;
                        p0 += e0 * (rx[j] - k);
                        p1 += e1 * (rx[j + 1] - k);
                        p2 += e2 * (rx[j + 2] - k);
                        p3 += e3 * (rx[j + 3] - k);
                    }
                    for (; j < end; j++) {
                        s0 += rd[j];
                        p0 += rd[j] * (rx[j] - k);
                    }
                    sumDy[ch] += (s0 + s1) + (s2 + s3);
                    sumDyX[ch] += (p0 + p1) + (p2 + p3);
                }
            }
        });
        double[] sumDy = new double[c];
        double[] sumDyX = new double[c];
        for (double[][] p : partial) {
            for (int ch = 0; ch < c; ch++) {
                sumDy[ch] += p[0][ch];
                sumDyX[ch] += p[1][ch];
            }
        }
        return new double[][] {sumDy, sumDyX};
    }

    /** {@code dx = k1[ch] dy + k2[ch] x + k3[ch]}. */
    private void inputGradient(INDArray x, INDArray dy, INDArray dx, int n, int c, int s, float[] k1, float[] k2,
                               float[] k3) {
        FloatBuffer xb = buffer(x);
        FloatBuffer db = buffer(dy);
        FloatBuffer ob = buffer(dx);
        int xBase = start(xb);
        int dBase = start(db);
        int oBase = start(ob);
        int row = c * s;
        RowWorkers.forRows(n, (from, to, worker) -> {
            float[] rx = rows[worker].a(row);
            float[] rd = rows[worker].b(row);
            for (int i = from; i < to; i++) {
                xb.get(xBase + i * row, rx, 0, row);
                db.get(dBase + i * row, rd, 0, row);
                for (int ch = 0; ch < c; ch++) {
                    float a = k1[ch];
                    float b = k2[ch];
                    float d = k3[ch];
                    int end = (ch + 1) * s;
                    for (int j = ch * s; j < end; j++) {
                        rd[j] = a * rd[j] + b * rx[j] + d;
                    }
                }
                ob.put(oBase + i * row, rd, 0, row);
            }
        });
    }

    private void storeCaches(float[] mu, float[] sigma2) {
        if (meanCache == null || meanCache.length() != mu.length) {
            try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.create(DataType.FLOAT, mu.length);
                varCache = Nd4j.create(DataType.FLOAT, mu.length);
            }
        }
        for (int i = 0; i < mu.length; i++) {
            meanCache.putScalar(i, mu[i]);
            varCache.putScalar(i, sigma2[i]);
        }
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }

    private static float[] vector(INDArray v, int length, float absent) {
        if (v == null) {
            float[] f = new float[length];
            java.util.Arrays.fill(f, absent);
            return f;
        }
        return v.reshape(v.length()).toFloatVector();
    }

    private static FloatBuffer buffer(INDArray a) {
        return a.data().asNioFloat();
    }

    /**
     * Index of an array's first element in its {@link #buffer}: a view's data buffer is itself offset (ND4J positions
     * its NIO view there), so the array's own offset is already counted.
     */
    private static int start(FloatBuffer buffer) {
        return buffer.position();
    }

    /** One worker's reused arrays for an example's values. */
    private static final class RowBuffers {
        private float[] a = new float[0];
        private float[] b = new float[0];

        float[] a(int length) {
            if (a.length < length) {
                a = new float[length];
            }
            return a;
        }

        float[] b(int length) {
            if (b.length < length) {
                b = new float[length];
            }
            return b;
        }
    }
}
