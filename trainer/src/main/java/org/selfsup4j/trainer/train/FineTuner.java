package org.selfsup4j.trainer.train;

import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.spi.Augmenter;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.data.LabeledBatches;

/**
 * Trains a classifier on labeled images. From a pretrained network it keeps its backbone (what {@code features}
 * depends on; a backbone pretrained on tiles or patches takes the whole images), replaces the head with a new one of
 * {@code numClasses} outputs and trains (the whole network, or only the head with
 * {@code optFreezeBackbone(true)}: a linear probe on frozen features, batch norm in inference mode). From a bare
 * backbone it trains the same network from random weights: the labels-only baseline.
 */
public final class FineTuner {
    private final SslLoss loss;
    private final boolean freeze;
    private final Augmenter augmenter;
    private final TrainingSettings settings;
    private final StepListener listener;
    private final StopSignal stop;
    private final Checkpoints checkpoints;

    private FineTuner(Builder b) {
        this.loss = b.loss;
        this.freeze = b.freeze;
        this.augmenter = b.augmenter;
        this.settings = b.settings;
        this.listener = b.listener;
        this.stop = b.stop;
        this.checkpoints = b.checkpoints;
    }

    /** {@code loss}: the classification loss, normally {@code cross-entropy}. */
    public static Builder builder(SslLoss loss) {
        return new Builder(loss);
    }

    /**
     * Fine-tunes a pretrained network (it is not modified; a new one is returned). Images go through the pretrained
     * model's conversion first (colorization's backbones take lightness), and the classifier records it.
     */
    public TrainResult fit(TrainedModel pretrained, LabeledImages labeled) {
        pretrained.requireChannels(labeled.shape());
        LabeledImages data = pretrained.convert(labeled);
        ComputationGraph graph = Networks.withNewHead(pretrained.graph(), data.shape(), data.numClasses(), loss,
                settings, freeze);
        TrainResult result = train(graph, data);
        return new TrainResult(result.model().withConversion(pretrained.conversion()), result.history());
    }

    /**
     * Trains {@code backbone} + a classifier head from random weights on the labels alone (with
     * {@code optFreezeBackbone(true)}: only the head, on the random backbone's features — a linear probe's floor).
     */
    public TrainResult fitFromScratch(Backbone backbone, LabeledImages labeled) {
        ComputationGraph graph = Networks.classifier(backbone, labeled.numClasses(), loss, labeled.shape(), settings);
        if (freeze) {
            graph = Networks.withNewHead(graph, labeled.shape(), labeled.numClasses(), loss, settings, true);
        }
        return train(graph, labeled);
    }

    private TrainResult train(ComputationGraph graph, LabeledImages labeled) {
        StepMemory.requireFits(graph.getConfiguration(), labeled.shape(), 1, settings.batchSize(),
                StepMemory.budgetBytes(), "A fine-tuning step", "--batch");
        TrainingLoop.Outcome trained = new TrainingLoop(settings, listener, stop, checkpoints)
                .runOrResume(graph, new LabeledBatches(labeled, augmenter, settings.batchSize(), settings.seed()));
        return new TrainResult(TrainedModel.classifier(trained.graph(), labeled.shape(), labeled.classNames()),
                trained.history());
    }

    /** Fluent construction: required parts in {@link FineTuner#builder}, optional ones as {@code optX}. */
    public static final class Builder {
        private final SslLoss loss;
        private boolean freeze;
        private Augmenter augmenter = AugmentPipeline.identity();
        private TrainingSettings settings = TrainingSettings.defaults();
        private StepListener listener = StepListener.none();
        private StopSignal stop = new StopSignal();
        private Checkpoints checkpoints = Checkpoints.none();

        private Builder(SslLoss loss) {
            this.loss = Objects.requireNonNull(loss, "loss is null");
        }

        public Builder optFreezeBackbone(boolean freeze) {
            this.freeze = freeze;
            return this;
        }

        public Builder optAugmenter(Augmenter augmenter) {
            this.augmenter = Objects.requireNonNull(augmenter, "augmenter is null");
            return this;
        }

        public Builder optSettings(TrainingSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings is null");
            return this;
        }

        public Builder optListener(StepListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener is null");
            return this;
        }

        public Builder optStopSignal(StopSignal stop) {
            this.stop = Objects.requireNonNull(stop, "stop is null");
            return this;
        }

        /**
         * Where to write checkpoints as training goes; if it already holds one (a run that was killed), training
         * continues from its step and ends with the weights an uninterrupted run would have.
         */
        public Builder optCheckpoints(Checkpoints checkpoints) {
            this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints is null");
            return this;
        }

        public FineTuner build() {
            return new FineTuner(this);
        }
    }
}
