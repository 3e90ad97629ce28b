package org.selfsup4j.trainer.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.StoredImages;

/**
 * Re-estimates the batch-norm statistics of a network from images, for weights that were never trained as they are:
 * an exponential moving average of weights (UDA, FixMatch) or any other weight average (SWA calls this step
 * "bn_update"). Averaging the running statistics along with the weights gives statistics of networks that no longer
 * exist; this measures the averaged network's own.
 *
 * <p>Layer by layer in topological order, each batch-norm layer's input is computed in inference mode (so with the
 * statistics already re-estimated for the layers before it) over all the images, and its population mean and
 * variance per channel become the layer's statistics. The images should look like those training normalised: a
 * network trained on augmented batches expects features scaled by their statistics (measured: a UDA network
 * re-estimated on clean images lost about a point against re-estimation on its strongly augmented views). Afterwards, in inference mode on these images, every
 * batch-norm layer's output has per channel mean β and standard deviation γ·√(var / (var + ε)) — exactly, up to
 * float rounding, which the tests check. DL4J computes inference as (x − mean) / √(σ² + ε), where σ² is the stored
 * variance, or (10^log10stdev)² when the layer stores log10 of the standard deviation (its default); both forms are
 * written. Nothing but the statistics changes.
 */
public final class BatchNormRecalibration {
    private BatchNormRecalibration() {
    }

    /** One re-estimated layer: its name, channel count and the mean over channels of its new mean and variance. */
    public record LayerStatistics(String layer, int channels, double meanOfMeans, double meanOfVariances) {
    }

    /**
     * Sets the statistics of every batch-norm layer of {@code graph} to those of its inputs over {@code images}
     * (forward passes of {@code batchSize} images); returns what was set, in topological order (empty when the
     * network has no batch norm).
     */
    public static List<LayerStatistics> recalibrate(ComputationGraph graph, List<Image> images, int batchSize) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("batch-norm re-estimation needs at least one image");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        List<INDArray> batches = new ArrayList<>();
        for (int from = 0; from < images.size(); from += batchSize) {
            batches.add(Batches.features(images.subList(from, Math.min(images.size(), from + batchSize))));
        }
        return recalibrate(graph, batches);
    }

    /**
     * The same over ready-made NCHW batches, for example batches composed as training composed them (semi-supervised
     * training: labeled images under their weak augmentation and unlabeled ones under the strong one).
     */
    public static List<LayerStatistics> recalibrate(ComputationGraph graph, List<INDArray> batches) {
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("batch-norm re-estimation needs at least one batch");
        }
        List<LayerStatistics> done = new ArrayList<>();
        GraphVertex[] vertices = graph.getVertices();
        int[] order = graph.topologicalSortOrder();
        int[] position = new int[vertices.length];        // vertex index -> step of the forward pass
        for (int step = 0; step < order.length; step++) {
            position[order[step]] = step;
        }
        for (int index : order) {
            GraphVertex vertex = vertices[index];
            if (!vertex.hasLayer() || !(vertex.getLayer() instanceof BatchNormalization bn)) {
                continue;
            }
            if (vertex instanceof LayerVertex lv && lv.getLayerPreProcessor() != null) {
                throw new IllegalStateException("batch-norm layer " + vertex.getVertexName()
                        + " has an input pre-processor; re-estimating its statistics is not supported");
            }
            String input = graph.getConfiguration().getVertexInputs().get(vertex.getVertexName()).get(0);
            // stop the forward pass as soon after the input as DL4J allows: later layers that work in place
            // (activation layers) must not touch it
            int stop = stopAfter(graph, position[graph.getVertex(input).getVertexIndex()]);
            boolean channelsLast = ((org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer())
                    .getCnn2DFormat() == CNN2DFormat.NHWC;
            ChannelMoments moments = null;
            for (INDArray batch : batches) {
                Map<String, INDArray> acts = stop < 0 ? graph.feedForward(new INDArray[] {batch}, false)
                        : graph.feedForward(new INDArray[] {batch}, stop, false);
                INDArray x = acts.get(input);
                if (moments == null) {
                    moments = new ChannelMoments(channelCount(x, channelsLast));
                }
                moments.add(x, channelsLast);
            }
            done.add(store(bn, vertex.getVertexName(), moments));
        }
        return done;
    }

    /**
     * The {@code layerTillIndex} for DL4J's {@code feedForward(inputs, layerTillIndex, train)} that runs the forward
     * pass through topological step {@code step} and as few steps beyond it as possible, or -1 for the whole pass.
     * DL4J M2.1 takes that argument as an index into its layer array, looks up that layer's vertex index and runs the
     * topological steps 0 to that number: so the answer is the layer whose vertex index is the smallest one at least
     * {@code step}. (Passing the step itself worked only while every vertex was a layer; ResNet's add vertices are not.)
     */
    static int stopAfter(ComputationGraph graph, int step) {
        int best = -1;
        int bestVertex = Integer.MAX_VALUE;
        org.deeplearning4j.nn.api.Layer[] layers = graph.getLayers();
        for (int l = 0; l < layers.length; l++) {
            int v = layers[l].getIndex();
            if (v >= step && v < bestVertex) {
                best = l;
                bestVertex = v;
            }
        }
        return best;
    }

    /**
     * {@code pool} itself when it holds at most {@code max} images, else a seeded random {@code max} of them: the
     * images a re-estimation uses. Only their indices are shuffled, so a pool of stored images is neither decoded nor
     * copied (the chosen images share its storage).
     */
    public static List<Image> sample(List<Image> pool, int max, long seed) {
        if (pool.size() <= max) {
            return pool;
        }
        List<Integer> order = new ArrayList<>(pool.size());
        for (int i = 0; i < pool.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] chosen = order.subList(0, max).stream().mapToInt(Integer::intValue).toArray();
        if (pool instanceof StoredImages stored) {
            return stored.select(chosen);
        }
        List<Image> picked = new ArrayList<>(max);
        for (int i : chosen) {
            picked.add(pool.get(i));
        }
        return List.copyOf(picked);
    }

    private static int channelCount(INDArray x, boolean channelsLast) {
        if (x.rank() == 2) {
            return (int) x.size(1);
        }
        if (x.rank() == 4) {
            return (int) x.size(channelsLast ? 3 : 1);
        }
        throw new IllegalStateException("batch-norm input of rank " + x.rank() + " is not supported (2 or 4 expected)");
    }

    private static LayerStatistics store(BatchNormalization bn, String name, ChannelMoments moments) {
        double[] mean = moments.mean();
        double[] var = moments.variance();
        Map<String, INDArray> params = bn.paramTable();
        boolean logStd = params.containsKey("log10stdev");
        INDArray meanParam = params.get("mean");
        INDArray spreadParam = params.get(logStd ? "log10stdev" : "var");
        float[] m = new float[mean.length];
        float[] s = new float[var.length];
        double sumMean = 0;
        double sumVar = 0;
        for (int c = 0; c < mean.length; c++) {
            double v = Math.max(var[c], 1e-12);          // a constant channel: keep log10 finite
            m[c] = (float) mean[c];
            s[c] = (float) (logStd ? 0.5 * Math.log10(v) : v);
            sumMean += mean[c];
            sumVar += var[c];
        }
        meanParam.assign(Nd4j.create(m, meanParam.shape(), meanParam.ordering()).castTo(meanParam.dataType()));
        spreadParam.assign(Nd4j.create(s, spreadParam.shape(), spreadParam.ordering()).castTo(spreadParam.dataType()));
        return new LayerStatistics(name, mean.length, sumMean / mean.length, sumVar / mean.length);
    }

    /** Per-channel sums of x and x² in double precision, shifted by the first batch's means for accuracy. */
    private static final class ChannelMoments {
        private final double[] shift;
        private final double[] sum;
        private final double[] sumSquares;
        private long count;
        private boolean shifted;

        ChannelMoments(int channels) {
            shift = new double[channels];
            sum = new double[channels];
            sumSquares = new double[channels];
        }

        void add(INDArray x, boolean channelsLast) {
            INDArray d = x.castTo(DataType.DOUBLE);
            int[] reduce = x.rank() == 2 ? new int[] {0} : channelsLast ? new int[] {0, 1, 2} : new int[] {0, 2, 3};
            long perChannel = d.length() / shift.length;
            if (!shifted) {
                double[] first = d.mean(reduce).toDoubleVector();
                System.arraycopy(first, 0, shift, 0, shift.length);
                shifted = true;
            }
            int channelDim = x.rank() == 2 ? 1 : channelsLast ? 3 : 1;
            INDArray centred = Nd4j.getExecutioner().exec(new BroadcastSubOp(d, Nd4j.create(shift), d, channelDim));
            double[] s1 = centred.sum(reduce).toDoubleVector();
            double[] s2 = centred.muli(centred).sum(reduce).toDoubleVector();
            for (int c = 0; c < shift.length; c++) {
                sum[c] += s1[c];
                sumSquares[c] += s2[c];
            }
            count += perChannel;
        }

        double[] mean() {
            double[] m = new double[shift.length];
            for (int c = 0; c < m.length; c++) {
                m[c] = shift[c] + sum[c] / count;
            }
            return m;
        }

        double[] variance() {
            double[] v = new double[shift.length];
            for (int c = 0; c < v.length; c++) {
                double centredMean = sum[c] / count;
                v[c] = Math.max(0, sumSquares[c] / count - centredMean * centredMean);
            }
            return v;
        }
    }
}
