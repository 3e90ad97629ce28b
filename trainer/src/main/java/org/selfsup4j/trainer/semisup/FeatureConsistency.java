package org.selfsup4j.trainer.semisup;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.HeadBuilder;

/**
 * The representation half of the consistency idea: the backbone's pooled features of an unlabeled image and of its
 * strongly augmented copy should agree, not only the predictions. During training the network gets a second output,
 * {@value #OUTPUT}: {@value #NORM} (DL4J's {@code L2NormalizeVertex} on {@link Backbone#FEATURES}) into a
 * {@code LossLayer} with DL4J's {@code LossL2} (Σ_k (z_k − t_k)² per row). Its labels are the source view's
 * normalised features from the step's inference pass — plain numbers, so no gradient reaches the target — and its
 * label mask ({@link #weights}) makes the added term exactly
 * <pre>  W · (1/U) Σ_j d(z_j, t_j),   d = ‖z − t‖² (mse)  or  1 − cos(z, t) = ‖z − t‖² / 2 (cosine)</pre>
 * over the U unlabeled rows (labeled rows weigh 0). The extra output has no parameters and is removed before the model
 * is returned, so saved classifiers are the same plain networks as without it.
 */
public final class FeatureConsistency {
    public static final String NORM = "feature_norm";
    public static final String OUTPUT = "feature_consistency";

    /** The distance between normalised feature vectors. */
    public enum Distance {
        /** Squared Euclidean distance of the unit vectors. */
        MSE(1.0),
        /** Cosine distance 1 − cos, which is half the squared distance of unit vectors. */
        COSINE(0.5);

        private final double factor;

        Distance(double factor) {
            this.factor = factor;
        }

        /** {@code mse} or {@code cosine}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The distance named {@code id}; fails listing the known ones. */
        public static Distance ofId(String id) {
            for (Distance d : values()) {
                if (d.id().equals(id)) {
                    return d;
                }
            }
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Unknown feature distance [" + id + "], known: "
                    + List.of("mse", "cosine"), id, List.of("mse", "cosine"), null);
        }
    }

    private FeatureConsistency() {
    }

    /** A copy of the classifier {@code graph} with the {@value #OUTPUT} output added after the classifier's output. */
    public static ComputationGraph withOutput(ComputationGraph graph) {
        int width = (int) graph.getLayer(HeadBuilder.HEAD).getParam("W").size(0);
        LossLayer loss = new LossLayer.Builder(new LossL2()).activation(Activation.IDENTITY).updater(new NoOp()).build();
        loss.setNIn(width);
        loss.setNOut(width);
        return sameType(graph, new TransferLearning.GraphBuilder(graph)
                .addVertex(NORM, new L2NormalizeVertex(new int[] {1}, 1e-8), Backbone.FEATURES)
                .addLayer(OUTPUT, loss, NORM)
                .setOutputs(HeadBuilder.OUTPUT, OUTPUT)
                .build());
    }

    /** DL4J's transfer learning builds in its default data type; the copy keeps the original's. */
    static ComputationGraph sameType(ComputationGraph original, ComputationGraph copy) {
        DataType type = original.getConfiguration().getDataType();
        return copy.getConfiguration().getDataType() == type ? copy : copy.convertDataType(type);
    }

    /** A copy of {@code graph} without the {@value #OUTPUT} output (the plain classifier), or {@code graph} itself. */
    public static ComputationGraph withoutOutput(ComputationGraph graph) {
        if (graph.getVertex(OUTPUT) == null) {
            return graph;
        }
        return sameType(graph, new TransferLearning.GraphBuilder(graph).removeVertexAndConnections(OUTPUT)
                .removeVertexAndConnections(NORM).setOutputs(HeadBuilder.OUTPUT).build());
    }

    /**
     * The labels of {@value #OUTPUT}: zeros for the {@code labeled} rows, then the source view's normalised features
     * (rows {@code labeled ..} of {@code sourcePass}'s second output).
     */
    public static INDArray targets(INDArray normalisedSource, int labeled) {
        INDArray out = normalisedSource.dup();
        if (labeled > 0) {
            out.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, labeled),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(0);
        }
        return out;
    }

    /**
     * Label-mask weights of {@value #OUTPUT} for {@code labeled} + {@code unlabeled} rows: DL4J divides the loss
     * layer's sum by the N rows, so unlabeled rows weigh N · W · factor / U and labeled rows 0.
     */
    public static INDArray weights(int labeled, int unlabeled, double weight, Distance distance) {
        int n = labeled + unlabeled;
        float[] w = new float[n];
        for (int j = 0; j < unlabeled; j++) {
            w[labeled + j] = (float) (n * weight * distance.factor / unlabeled);
        }
        return Nd4j.create(w, new long[] {n, 1}, 'c');
    }

    /** W · (1/U) Σ_j d(z_j, t_j) for normalised rows {@code z} (strong view) and {@code t} (source view). */
    public static double term(INDArray z, INDArray t, double weight, Distance distance) {
        double sum = z.sub(t).norm2Number().doubleValue();
        return weight * distance.factor * sum * sum / z.rows();
    }
}
