package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.Fingerprint;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.Progress;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.FineTuner;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup finetune}: a classifier from a pretrained backbone (or from scratch) on few labels. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Train a classifier on labeled images, from a pretrained run (--from) or from scratch (--backbone).")
final class FinetuneCommand implements Callable<Integer> {
    static final TrainingSettings DEFAULTS = TrainingSettings.defaults().optBatchSize(64).optSteps(300);

    @ParentCommand
    Main main;

    @Option(names = "--from", description = "a pretrain run folder (or model.zip) to start from")
    Path from;

    @Option(names = "--backbone", description = "train this backbone from scratch instead (labels-only baseline)")
    String backbone;

    @Option(names = "--train", required = true, description = "labeled images: a folder of class sub-folders, a Fashion-MNIST folder, or 'fashion-mnist'")
    String trainData;

    @Option(names = "--labels-per-class", description = "use only N labeled images per class (stratified, seeded; written to split.csv)")
    Integer labelsPerClass;

    @Option(names = "--split", description = "use the labeled examples listed in this split.csv (from an earlier run)")
    Path splitFile;

    @Option(names = "--freeze", description = "freeze the backbone: train only the new head (linear probe)")
    boolean freeze;

    @Option(names = "--augment", defaultValue = "", description = "augmentation pipeline, for example \"horizontal-flip,pad-crop(pad=2)\"")
    String augment;

    @Option(names = "--out", required = true, description = "run folder to create")
    Path out;

    @Mixin
    TrainOptions train;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        if ((from == null) == (backbone == null)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give exactly one of --from RUN (fine-tune a pretrained "
                    + "backbone) or --backbone NAME (train from scratch)");
        }
        if (labelsPerClass != null && splitFile != null) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give at most one of --labels-per-class and --split");
        }
        Catalog catalog = Composition.start(main.plugins).catalog();
        AugmentPipeline augmenter = AugmentPipeline.parse(augment, catalog);
        FineTuner.Builder builder = FineTuner.builder(catalog.loss("cross-entropy", ComponentConfig.empty()))
                .optFreezeBackbone(freeze).optAugmenter(augmenter);
        TrainingSettings settings = train.settings(DEFAULTS);
        var pretrained = from == null ? null : ModelStore.load(from);
        var net = backbone == null ? null : catalog.backbone(backbone, ComponentConfig.empty());

        LabeledImages all = dataOptions.labeled(trainData, FashionMnist.Part.TRAIN);
        LabelSplit split = null;
        if (labelsPerClass != null) {
            split = LabelSplit.perClass(all, labelsPerClass, settings.seed());
        } else if (splitFile != null) {
            split = LabelSplit.read(splitFile, all);
        }
        LabeledImages labeled = split == null ? all : split.apply(all);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("from", from == null ? null : from.toString());
        config.put("backbone", backbone);
        config.put("train", trainData);
        config.put("labels_per_class", labelsPerClass);
        config.put("freeze", freeze);
        config.put("augment", augment);
        config.put("training", settings.toMap());
        RunFolder run = RunFolder.create(out, "finetune", config);
        if (split != null) {
            split.write(run.file("split.csv"), all);
        }
        run.put("data", Map.of("labeled", labeled.size(), "classes", labeled.classNames(), "shape",
                labeled.shape().toString(), "fingerprint", Fingerprint.of(labeled.images(), labeled.labels()),
                "split", split == null ? "all" : "split.csv"));
        try (RunGuard guard = new RunGuard()) {
            FineTuner tuner = builder.optSettings(settings).optListener(Progress.toStderr("finetune"))
                    .optStopSignal(guard.stopSignal()).build();
            TrainResult result = pretrained != null ? tuner.fit(pretrained, labeled) : tuner.fitFromScratch(net, labeled);
            run.saveModel(result.model());
            run.writeHistory("finetune", result.history());
            run.finish(guard.interrupted() ? "interrupted" : "completed");
            System.out.printf("fine-tuned on %d labeled images: %d steps in %.1f s, final loss %.4f -> %s%n",
                    labeled.size(), result.history().steps(), result.history().seconds(),
                    result.history().meanOfLast(50), out);
            return guard.interrupted() ? Main.EXIT_INTERRUPTED : 0;
        } catch (RuntimeException e) {
            run.finish("failed: " + e.getMessage());
            throw e;
        }
    }
}
