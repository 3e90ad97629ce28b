package org.selfsup4j.trainer.train;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.data.PretextBatches;

/**
 * Pretrains a backbone on unlabeled images with a pretext task: backbone + the task's head + a loss, trained for
 * {@link TrainingSettings#steps()} batches of {@link TrainingSettings#batchSize()} images (the task may turn each image
 * into several examples, or an example into several inputs). The task is first {@link PretextTask#prepare prepared}
 * on the images. Build with {@link #builder}; {@link #fit} returns the whole network, whose
 * {@code features} vertex is what fine-tuning keeps.
 */
public final class Pretrainer {
    private final Backbone backbone;
    private final PretextTask task;
    private final SslLoss loss;
    private final TrainingSettings settings;
    private final StepListener listener;
    private final StopSignal stop;
    private final Checkpoints checkpoints;
    private final String taskName;

    private Pretrainer(Builder b) {
        this.backbone = b.backbone;
        this.task = b.task;
        this.loss = b.loss;
        this.settings = b.settings;
        this.listener = b.listener;
        this.stop = b.stop;
        this.checkpoints = b.checkpoints;
        this.taskName = b.taskName;
    }

    /** The three required parts; everything else has a default. */
    public static Builder builder(Backbone backbone, PretextTask task, SslLoss loss) {
        return new Builder(backbone, task, loss);
    }

    public TrainResult fit(List<Image> images) {
        if (images.isEmpty()) {
            throw new SelfSupException(ErrorCode.EMPTY_DATA, "No unlabeled images to pretrain on");
        }
        requireBatchFits(loss, settings, taskName);
        InputShape imageShape = images.get(0).shape();
        PretextTask prepared = task.prepare(images);
        InputShape shape = prepared.inputShape(imageShape);
        ComputationGraph graph = Networks.pretext(backbone, prepared, loss, imageShape, settings);
        requireMemoryFits(graph.getConfiguration(), prepared, images.get(0), settings);
        TrainingLoop.Outcome trained = new TrainingLoop(settings, listener, stop, checkpoints)
                .runOrResume(graph, new PretextBatches(images, prepared, settings.batchSize(), settings.seed()));
        return new TrainResult(TrainedModel.pretext(trained.graph(), shape, taskName)
                .withConversion(prepared.downstreamConversion()), trained.history());
    }

    /**
     * Fails before anything is trained if the settings cannot work with the loss: a loss that couples the batch
     * (NT-Xent takes the other images of the batch as negatives) needs at least 2 images per batch.
     */
    public static void requireBatchFits(SslLoss loss, TrainingSettings settings, String taskName) {
        if (loss.couplesBatch() && settings.batchSize() < 2) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "The loss of " + taskName + " compares each image with"
                    + " the others of its batch (they are its negatives), so it needs at least 2 images per batch; got a"
                    + " batch size of " + settings.batchSize() + " (use a batch of 2 images or more)",
                    String.valueOf(settings.batchSize()), List.of("2 or more"), null);
        }
    }

    /**
     * Fails before anything is trained when one step of {@code settings.batchSize()} images — each as many network
     * inputs as {@code prepared} makes of it (rotation: four) — is estimated to need more native memory than this
     * process may use ({@link StepMemory}); the message names the largest {@code --batch} that fits.
     */
    public static void requireMemoryFits(ComputationGraphConfiguration conf, PretextTask prepared, Image example,
                                         TrainingSettings settings) {
        int inputsPerImage = prepared.makeBatch(List.of(example), new Random(settings.seed())).inputs().size();
        StepMemory.requireFits(conf, prepared.inputShape(example.shape()), inputsPerImage, settings.batchSize(),
                StepMemory.budgetBytes(), "A pretraining step", "--batch");
    }

    /** Fluent construction: required parts in {@link Pretrainer#builder}, optional ones as {@code optX}. */
    public static final class Builder {
        private final Backbone backbone;
        private final PretextTask task;
        private final SslLoss loss;
        private TrainingSettings settings = TrainingSettings.defaults();
        private StepListener listener = StepListener.none();
        private StopSignal stop = new StopSignal();
        private Checkpoints checkpoints = Checkpoints.none();
        private String taskName = "pretext";

        private Builder(Backbone backbone, PretextTask task, SslLoss loss) {
            this.backbone = Objects.requireNonNull(backbone, "backbone is null");
            this.task = Objects.requireNonNull(task, "task is null");
            this.loss = Objects.requireNonNull(loss, "loss is null");
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

        /** The task's name, recorded in the saved model (default {@code pretext}). */
        public Builder optTaskName(String taskName) {
            this.taskName = Objects.requireNonNull(taskName, "taskName is null");
            return this;
        }

        public Pretrainer build() {
            return new Pretrainer(this);
        }
    }
}
