package org.selfsup4j.trainer.semisup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Batches;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.ImageConversion;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.backend.FastPath;
import org.selfsup4j.trainer.data.Prefetcher;
import org.selfsup4j.trainer.data.Seeds;
import org.selfsup4j.trainer.train.BatchNormRecalibration;
import org.selfsup4j.trainer.train.Checkpoints;
import org.selfsup4j.trainer.train.DivergenceGuard;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.StepMemory;
import org.selfsup4j.trainer.train.StopSignal;
import org.selfsup4j.trainer.train.TrainedModel;
import org.selfsup4j.trainer.train.TrainingSettings;

/**
 * UDA, FixMatch and MixMatch in one loop. Each UDA or FixMatch step: (1) a forward pass with batch statistics
 * ({@link TargetPass}) on [labeled ; unlabeled source view]
 * gives the labeled examples' correct-class probabilities (for TSA and the supervised loss) and the unlabeled
 * predictions, which {@link ConsistencyTargets} turns into targets and a mask — plain numbers, so no gradient can
 * reach them; (2) one ordinary DL4J step on [labeled ; unlabeled strong view] with labels [one-hot ; targets] and
 * per-example weights from {@link StepWeights}, through the cross-entropy loss layer (cross-entropy against a fixed
 * target has the gradient of the KL consistency term). A MixMatch step ({@link MixMatch}): the same kind of pass on
 * [labeled ; weak view 1 ; weak view 2] gives the guessed labels, the whole batch is mixed with a shuffled copy of
 * itself, and one DL4J step trains both outputs (cross-entropy on the labeled rows, squared error on the unlabeled
 * ones) with their label masks. With distribution alignment on ({@link DistributionAlignment}), the unlabeled
 * predictions (MixMatch: the two views' mean) are aligned before they become targets or guesses, and the alignment's
 * window is checkpointed with the run. Batches are made ahead on worker threads.
 */
public final class SemiSupervisedTrainer {
    private static final String HISTORY = "semi-history";
    private static final String AVERAGE = "weight-average";
    private static final String ALIGNMENT = "distribution-alignment";

    private final Backbone backbone;
    private final SslLoss crossEntropy;
    private final SemiSupervisedSettings settings;
    private final Augmenter labeledAugment;
    private final Augmenter sourceAugment;
    private final Augmenter strongAugment;
    private final SemiStepListener listener;
    private final StopSignal stop;
    private final TrainedModel pretrained;
    private final Checkpoints checkpoints;

    /** Told after every step. */
    @FunctionalInterface
    public interface SemiStepListener {
        void stepDone(SemiStep step, long totalSteps);
    }

    /**
     * The trained model; its weight average with batch-norm statistics re-estimated on {@code bnImages} images in
     * training-like batches (0: kept as averaged, as also when the run was stopped early: it is resumed, not used), or
     * the model itself without EMA; and the history.
     */
    public record Result(TrainedModel model, TrainedModel averaged, int bnImages, SemiHistory history) {
    }

    private SemiSupervisedTrainer(Builder b) {
        this.backbone = b.backbone;
        this.crossEntropy = b.crossEntropy;
        this.settings = b.settings;
        this.labeledAugment = b.labeledAugment;
        this.sourceAugment = b.sourceAugment;
        this.strongAugment = b.strongAugment;
        this.listener = b.listener;
        this.stop = b.stop;
        this.pretrained = b.pretrained;
        this.checkpoints = b.checkpoints;
    }

    /**
     * Required: the backbone, the cross-entropy loss, the settings, the labeled (weak) augmentation, the view targets
     * are computed from (identity for UDA, weak for FixMatch) and the strong augmentation.
     */
    public static Builder builder(Backbone backbone, SslLoss crossEntropy, SemiSupervisedSettings settings,
                                  Augmenter labeledAugment, Augmenter sourceAugment, Augmenter strongAugment) {
        return new Builder(backbone, crossEntropy, settings, labeledAugment, sourceAugment, strongAugment);
    }

    /**
     * Trains on {@code labeled} and {@code unlabeled} (ignored, and may be empty, for the {@code supervised} method),
     * from random weights or from the pretrained network given to the builder.
     */
    public Result fit(LabeledImages labeledImages, List<Image> unlabeledImages) {
        ImageConversion conversion = pretrained == null ? ImageConversion.NONE : pretrained.conversion();
        if (pretrained != null) {
            pretrained.requireChannels(labeledImages.shape());
        }
        LabeledImages labeled = pretrained == null ? labeledImages : pretrained.convert(labeledImages);
        List<Image> unlabeled = pretrained == null ? unlabeledImages : pretrained.convert(unlabeledImages);
        if (unlabeled.isEmpty() && !settings.labelsOnly()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No unlabeled images: semi-supervised training needs them "
                    + "(refusing to run a purely supervised run under a semi-supervised name)");
        }
        if (!unlabeled.isEmpty() && !settings.labelsOnly() && !labeled.shape().equals(unlabeled.get(0).shape())) {
            throw new SelfSupException(ErrorCode.MIXED_IMAGE_SIZES, "Labeled images are " + labeled.shape()
                    + " but unlabeled images are " + unlabeled.get(0).shape()
                    + " (channels x height x width); use --channels / --resize to match", unlabeled.get(0).shape().toString(),
                    List.of(labeled.shape().toString()), null);
        }
        int classes = labeled.numClasses();
        TrainingSettings net = TrainingSettings.defaults().optOptimizer("sgd").optLearningRate(settings.learningRate())
                .optWeightDecay(settings.weightDecay()).optSeed(settings.seed()).optBatchSize(settings.labeledBatch());
        ComputationGraph graph;
        if (pretrained == null) {
            graph = Networks.classifier(backbone, classes, crossEntropy, labeled.shape(), net);
        } else {
            graph = Networks.withNewHead(pretrained.graph(), labeled.shape(), classes, crossEntropy, net, false);
        }
        if (featureTerm()) {
            graph = FeatureConsistency.withOutput(graph);
        }
        if (settings.mixes()) {
            graph = MixMatch.withOutput(graph);
        }
        int unlabeledPerLabeled = settings.labelsOnly() ? 0 : settings.mu() * (settings.mixes() ? 2 : 1);
        StepMemory.requireFits(graph.getConfiguration(), labeled.shape(), 1 + unlabeledPerLabeled,
                settings.labeledBatch(), StepMemory.budgetBytes(), "A training step", "--labeled-batch");
        WeightEma ema = settings.emaDecay() > 0 ? new WeightEma(graph, settings.emaDecay()) : null;
        DistributionAlignment aligner = settings.distributionAlignment()
                ? new DistributionAlignment(labeled.classCounts()) : null;
        SemiHistory history = new SemiHistory();
        int first = 0;
        double priorSeconds = 0;
        var saved = checkpoints.latestFor(graph, settings.steps());
        if (saved.isPresent()) {
            Checkpoints.Saved s = saved.get();
            graph = s.graph();
            first = s.step();
            priorSeconds = s.seconds();
            for (double[] row : s.<double[][]>get(HISTORY)) {
                history.add(SemiStep.fromArray(row));
            }
            if (ema != null) {
                ema = WeightEma.restore(settings.emaDecay(), s.<float[]>get(AVERAGE));
            }
            if (aligner != null) {
                aligner = DistributionAlignment.restore(labeled.classCounts(), s.<double[][]>get(ALIGNMENT));
            }
        }
        FastPath.install(graph);
        ConsistencyTargets targets = settings.targets();
        SemiBatches batches = new SemiBatches(labeled, unlabeled, settings.labeledBatch(), settings.unlabeledBatch(),
                labeledAugment, sourceAugment, strongAugment, settings.seed());
        long start = System.nanoTime() - (long) (priorSeconds * 1e9);
        long waited;
        final WeightEma weightAverage = ema;
        final ComputationGraph trained = graph;
        final DistributionAlignment alignment = aligner;
        try (Prefetcher<SemiBatch> prefetcher = new Prefetcher<>(batches::batch, first, settings.steps() - first,
                settings.workers(), 4)) {
            for (long k = first; k < settings.steps() && !stop.isRequested(); k++) {
                SemiStep step = settings.mixes() ? mixMatchStep(trained, prefetcher.next(), alignment, classes, k, start)
                        : step(trained, prefetcher.next(), targets, alignment, classes, k, start);
                DivergenceGuard.check(trained, k + 1, step.objective(), settings.learningRateAt(k),
                        checkpoints::describeLatest);
                if (weightAverage != null) {
                    weightAverage.update(trained, k);
                }
                history.add(step);
                listener.stepDone(step, settings.steps());
                if (k + 1 < settings.steps()) {
                    checkpoints.maybeSave(trained, (int) (k + 1), step.seconds(),
                            () -> state(history, weightAverage, alignment));
                }
            }
            waited = prefetcher.waitNanos();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        history.finish(seconds, waited / 1e9 / Math.max(seconds, 1e-9), history.steps().size() < settings.steps());
        if (history.stoppedEarly()) {
            checkpoints.save(trained, history.steps().size(), seconds, state(history, weightAverage, alignment));
        }
        TrainedModel model = TrainedModel.classifier(plain(trained), labeled.shape(),
                labeled.classNames()).withConversion(conversion);
        if (weightAverage == null) {
            return new Result(model, model, 0, history);
        }
        ComputationGraph average = weightAverage.averagedCopy(trained);
        int images = 0;
        if (settings.bnImages() > 0 && !history.stoppedEarly()) {   // a stopped run is resumed, not used: save it fast
            List<INDArray> views = trainingLikeBatches(batches);
            BatchNormRecalibration.recalibrate(average, views);
            images = views.stream().mapToInt(v -> (int) v.size(0)).sum();
        }
        return new Result(model, TrainedModel.classifier(plain(average), labeled.shape(),
                labeled.classNames()).withConversion(conversion), images, history);
    }

    /** The classifier without the training-only outputs. */
    private static ComputationGraph plain(ComputationGraph graph) {
        return MixMatch.withoutOutput(FeatureConsistency.withoutOutput(graph));
    }

    private static Map<String, Serializable> state(SemiHistory history, WeightEma ema, DistributionAlignment alignment) {
        Map<String, Serializable> state = new LinkedHashMap<>();
        state.put(HISTORY, history.steps().stream().map(SemiStep::toArray).toArray(double[][]::new));
        if (ema != null) {
            state.put(AVERAGE, ema.averageAsFloats());
        }
        if (alignment != null) {
            state.put(ALIGNMENT, alignment.state());
        }
        return state;
    }

    /**
     * Batches composed as the training batches were — B labeled images under the labeled augmentation and, unless
     * labels-only, μ·B unlabeled ones under the strong augmentation (MixMatch: the second weak view, unmixed) — continuing the run's seeded sequence after its
     * last step, until about {@code bnImages} images: what batch norm normalised during training.
     */
    private List<INDArray> trainingLikeBatches(SemiBatches batches) {
        int perBatch = settings.labeledBatch() + settings.unlabeledBatch();
        int count = Math.max(1, (settings.bnImages() + perBatch - 1) / perBatch);
        List<INDArray> views = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SemiBatch b = batches.batch(settings.steps() + i);
            views.add(b.unlabeledStrong() == null ? b.labeled() : Nd4j.concat(0, b.labeled(), b.unlabeledStrong()));
        }
        return views;
    }

    private SemiStep step(ComputationGraph graph, SemiBatch batch, ConsistencyTargets targets,
                          DistributionAlignment alignment, int classes, long k, long start) {
        int b = batch.labelIndices().length;
        int u = batch.unlabeledSource() == null ? 0 : (int) batch.unlabeledSource().size(0);
        double lr = settings.learningRateAt(k);
        graph.setLearningRate(lr);

        INDArray[] pass = TargetPass.outputs(graph, u == 0 ? batch.labeled()
                : Nd4j.concat(0, batch.labeled(), batch.unlabeledSource()));
        float[][] probs = rowsOf(pass[0]);
        double eta = settings.tsa().threshold(k, settings.steps(), classes);
        float[] tsa = new float[b];
        double supervised = 0;
        for (int i = 0; i < b; i++) {
            double p = probs[i][batch.labelIndices()[i]];
            supervised -= Math.log(Math.max(p, 1e-12));
            tsa[i] = p > eta ? 0f : 1f;
        }
        float[][] unlabeledProbs = java.util.Arrays.copyOfRange(probs, b, b + u);
        if (alignment != null) {
            alignment.observeAndAlign(unlabeledProbs);
        }
        float[][] target = new float[u][classes];
        float[] mask = new float[u];
        double masked = 0;
        for (int j = 0; j < u; j++) {
            mask[j] = targets.target(unlabeledProbs[j], target[j]);
            masked += mask[j];
        }
        double kept = 0;
        for (float t : tsa) {
            kept += t;
        }
        double consistency = Double.NaN;
        double featureDistance = Double.NaN;
        boolean features = u > 0 && featureTerm();
        if (u > 0 && k % settings.diagnosticsEvery() == 0) {
            INDArray[] strong = graph.output(false, batch.unlabeledStrong());
            consistency = consistency(strong[0], target, mask);
            if (features) {
                featureDistance = FeatureConsistency.term(strong[1], pass[1].get(NDArrayIndex.interval(b, b + u),
                        NDArrayIndex.all()), settings.featureConsistency(), settings.featureDistance());
            }
        }

        INDArray input = u == 0 ? batch.labeled() : Nd4j.concat(0, batch.labeled(), batch.unlabeledStrong());
        INDArray labels = u == 0 ? batch.labels() : Nd4j.concat(0, batch.labels(), Batches.rows(target));
        INDArray weights = Nd4j.create(StepWeights.of(tsa, mask, settings.lambda()), new long[] {b + u, 1}, 'c');
        if (features) {
            graph.fit(new MultiDataSet(new INDArray[] {input}, new INDArray[] {labels,
                FeatureConsistency.targets(pass[1], b)}, null, new INDArray[] {weights,
                FeatureConsistency.weights(b, u, settings.featureConsistency(), settings.featureDistance())}));
        } else {
            graph.fit(new DataSet(input, labels, null, weights));
        }
        return new SemiStep(k + 1, graph.score(), supervised / b, consistency, u == 0 ? Double.NaN : masked / u, eta, kept / b, lr,
                (System.nanoTime() - start) / 1e9, featureDistance);
    }

    /**
     * One MixMatch step: guessed labels from the training-mode forward pass on both weak views, MixUp of [labeled ; view 1 ;
     * view 2] with a shuffled copy (stream 7 of the seed at step k: resumable), both outputs trained with their masks.
     * The history's consistency is (1/2U) Σ (1/L) ‖q' − p‖² of the mixed unlabeled rows in inference mode (every few
     * steps), before λ_u; there is no mask (share NaN) and no TSA.
     */
    private SemiStep mixMatchStep(ComputationGraph graph, SemiBatch batch, DistributionAlignment alignment, int classes,
                                  long k, long start) {
        int b = batch.labelIndices().length;
        int u = (int) batch.unlabeledSource().size(0);
        double lr = settings.learningRateAt(k);
        graph.setLearningRate(lr);
        INDArray all = Nd4j.concat(0, batch.labeled(), batch.unlabeledSource(), batch.unlabeledStrong());
        float[][] probs = rowsOf(TargetPass.outputs(graph, all)[0]);
        double supervised = 0;
        for (int i = 0; i < b; i++) {
            supervised -= Math.log(Math.max(probs[i][batch.labelIndices()[i]], 1e-12));
        }
        float[][] averaged = new float[u][classes];
        for (int j = 0; j < u; j++) {
            MixMatch.average(probs[b + j], probs[b + u + j], averaged[j]);
        }
        if (alignment != null) {
            alignment.observeAndAlign(averaged);
        }
        float[][] guessed = new float[u][classes];
        for (int j = 0; j < u; j++) {
            MixMatch.sharpen(averaged[j], settings.temperature(), guessed[j]);
        }
        INDArray guesses = Batches.rows(guessed);
        INDArray targets = Nd4j.concat(0, batch.labels(), guesses, guesses);
        int n = b + 2 * u;
        Random random = Seeds.stream(settings.seed(), 7, k);
        int[] partner = Seeds.permutation(n, random);
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = MixMatch.mixCoefficient(random, settings.mixupAlpha());
        }
        MixMatch.Mixed mixed = MixMatch.mix(all, targets, partner, lambda);
        double consistency = Double.NaN;
        if (k % settings.diagnosticsEvery() == 0) {
            INDArray p = graph.output(false, mixed.inputs())[0].get(NDArrayIndex.interval(b, n), NDArrayIndex.all());
            INDArray diff = p.sub(mixed.targets().get(NDArrayIndex.interval(b, n), NDArrayIndex.all()).castTo(p.dataType()));
            consistency = diff.mul(diff).sumNumber().doubleValue() / (2.0 * u * classes);
        }
        graph.fit(new MultiDataSet(new INDArray[] {mixed.inputs()}, new INDArray[] {mixed.targets(), mixed.targets()},
                null, MixMatch.weights(b, 2 * u, settings.lambdaAt(k))));
        return new SemiStep(k + 1, graph.score(), supervised / b, consistency, Double.NaN, 1.0, 1.0, lr,
                (System.nanoTime() - start) / 1e9, Double.NaN);
    }

    /** Whether the objective has the feature-consistency term. */
    private boolean featureTerm() {
        return settings.featureConsistency() > 0 && !settings.labelsOnly();
    }

    /** (1/U) Σ mask_j · KL(target_j ‖ prediction on the strong view), inference mode. */
    private static double consistency(INDArray strongPrediction, float[][] target, float[] mask) {
        float[][] q = rowsOf(strongPrediction);
        double sum = 0;
        for (int j = 0; j < q.length; j++) {
            if (mask[j] == 0) {
                continue;
            }
            for (int c = 0; c < q[j].length; c++) {
                if (target[j][c] > 0) {
                    sum += target[j][c] * (Math.log(target[j][c]) - Math.log(Math.max(q[j][c], 1e-12)));
                }
            }
        }
        return sum / q.length;
    }

    private static float[][] rowsOf(INDArray m) {
        return m.toFloatMatrix();
    }

    /** Fluent construction: required parts in {@link SemiSupervisedTrainer#builder}, optional ones as {@code optX}. */
    public static final class Builder {
        private final Backbone backbone;
        private final SslLoss crossEntropy;
        private final SemiSupervisedSettings settings;
        private final Augmenter labeledAugment;
        private final Augmenter sourceAugment;
        private final Augmenter strongAugment;
        private SemiStepListener listener = (step, total) -> { };
        private StopSignal stop = new StopSignal();
        private TrainedModel pretrained;
        private Checkpoints checkpoints = Checkpoints.none();

        private Builder(Backbone backbone, SslLoss crossEntropy, SemiSupervisedSettings settings, Augmenter labeledAugment,
                        Augmenter sourceAugment, Augmenter strongAugment) {
            this.backbone = Objects.requireNonNull(backbone, "backbone is null");
            this.crossEntropy = Objects.requireNonNull(crossEntropy, "crossEntropy is null");
            this.settings = Objects.requireNonNull(settings, "settings is null");
            this.labeledAugment = Objects.requireNonNull(labeledAugment, "labeledAugment is null");
            this.sourceAugment = Objects.requireNonNull(sourceAugment, "sourceAugment is null");
            this.strongAugment = Objects.requireNonNull(strongAugment, "strongAugment is null");
        }

        public Builder optListener(SemiStepListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener is null");
            return this;
        }

        public Builder optStopSignal(StopSignal stop) {
            this.stop = Objects.requireNonNull(stop, "stop is null");
            return this;
        }

        /**
         * Starts from a pretrained network (e.g. a pretext task's) instead of random weights: its backbone is kept,
         * the head replaced by a new classifier. The backbone given to {@link SemiSupervisedTrainer#builder} is then
         * unused.
         */
        public Builder optPretrained(TrainedModel pretrained) {
            this.pretrained = Objects.requireNonNull(pretrained, "pretrained is null");
            return this;
        }

        /**
         * Where to write checkpoints (weights, updater, weight average, per-step history); if it holds one, training
         * continues from its step and ends as an uninterrupted run would.
         */
        public Builder optCheckpoints(Checkpoints checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints is null");
            return this;
        }

        public SemiSupervisedTrainer build() {
            return new SemiSupervisedTrainer(this);
        }
    }
}
