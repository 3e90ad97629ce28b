package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.Fingerprint;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.Progress;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.FineTuner;
import org.selfsup4j.trainer.train.KnnProbe;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainedModel;
import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup finetune}: a classifier from a pretrained backbone (or from scratch) on few labels. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Train a classifier on labeled images, from a pretrained run (--from) or from scratch (--backbone); "
                + "or probe its frozen features (--protocol linear | knn).")
final class FinetuneCommand implements Callable<Integer> {
    static final TrainingSettings DEFAULTS = TrainingSettings.defaults().optBatchSize(64).optSteps(300);

    @ParentCommand
    Main main;

    @Option(names = "--from", description = "a pretrain run folder (or model.zip) to start from")
    Path from;

    @Option(names = "--backbone", description = "train this backbone from scratch instead (labels-only baseline)")
    String backbone;

    @Option(names = "--backbone-config", defaultValue = "", description = "settings of --backbone, key=value,...")
    String backboneConfig;

    @Option(names = "--train", required = true, description = "labeled images: a folder of class sub-folders, a Fashion-MNIST folder, or 'fashion-mnist'")
    String trainData;

    @Option(names = "--labels-per-class", description = "use only N labeled images per class (stratified, seeded; written to split.csv)")
    Integer labelsPerClass;

    @Option(names = "--split", description = "use the labeled examples listed in this split.csv (from an earlier run)")
    Path splitFile;

    @Option(names = "--protocol", defaultValue = "full", description = "full (fine-tune everything), linear (frozen "
            + "backbone, new linear head) or knn (no training: weighted k-nearest-neighbour vote on frozen features; "
            + "needs --test); default: ${DEFAULT-VALUE}")
    String protocol;

    @Option(names = "--freeze", description = "the same as --protocol linear")
    boolean freeze;

    @Option(names = "--test", description = "labeled test images to score at the end (with a Fashion-MNIST --train: 'fashion-mnist' is its official test split)")
    String test;

    @Option(names = "--k", defaultValue = "" + KnnProbe.DEFAULT_K, description = "neighbours of the knn protocol (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--knn-temperature", defaultValue = "" + KnnProbe.DEFAULT_TEMPERATURE,
            description = "temperature of the knn vote weights exp(similarity / t) (default: ${DEFAULT-VALUE})")
    double knnTemperature;

    @Option(names = "--augment", defaultValue = "", description = "augmentation pipeline, for example \"horizontal-flip,pad-crop(pad=2)\"")
    String augment;

    @Option(names = "--out", required = true, description = "run folder to create")
    Path out;

    @Mixin
    TrainOptions train;

    @Mixin
    DataOptions dataOptions;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        if ((from == null) == (backbone == null)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give exactly one of --from RUN (fine-tune a pretrained "
                    + "backbone) or --backbone NAME (train from scratch)");
        }
        if (labelsPerClass != null && splitFile != null) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give at most one of --labels-per-class and --split");
        }
        Protocol chosen = Protocol.parse(protocol, freeze);
        if (chosen == Protocol.KNN && test == null) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--protocol knn trains nothing and needs --test DATA to "
                    + "score the vote on", "knn", List.of(), null);
        }
        Catalog catalog = Composition.start(main.plugins).catalog();
        AugmentPipeline augmenter = AugmentPipeline.parse(augment, catalog);
        if (chosen != Protocol.KNN) {
            System.err.println("augmentation: " + (augment.isBlank() ? "none (--augment adds some, e.g. "
                    + "\"pad-crop(fraction=0.125)\")" : "[" + augment + "]"));
        }
        SslLoss crossEntropy = catalog.loss("cross-entropy", ComponentConfig.empty());
        FineTuner.Builder builder = FineTuner.builder(crossEntropy)
                .optFreezeBackbone(chosen == Protocol.LINEAR).optAugmenter(augmenter);
        TrainingSettings settings = train.settings(DEFAULTS);
        var pretrained = from == null ? null : ModelStore.load(from);
        if (pretrained != null) {
            dataOptions.readAs(pretrained);
        }
        var net = backbone == null ? null : catalog.backbone(backbone, ComponentConfig.parse(backboneConfig));

        LabeledImages all = dataOptions.labeled(trainData, FashionMnist.Part.TRAIN);
        LabeledImages testSet = test == null ? null : dataOptions.labeled(test, FashionMnist.Part.TEST);
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
        config.put("backbone_config", ComponentConfig.parse(backboneConfig).asMap());
        config.put("train", trainData);
        config.put("labels_per_class", labelsPerClass);
        config.put("protocol", chosen.name().toLowerCase());
        config.put("test", test);
        if (chosen == Protocol.KNN) {
            config.put("k", k);
            config.put("knn_temperature", knnTemperature);
        }
        config.put("augment", augment);
        config.put("training", settings.toMap());
        out = runOptions.out(out);
        OutputFolder.requireOutside(out, trainData, test);
        RunFolder run = runOptions.open(out, "finetune", config, main.argsOf("finetune"));
        dataOptions.recordReading(run);
        if (split != null) {
            split.write(run.file("split.csv"), all);
        }
        run.put("data", Map.of("labeled", labeled.size(), "classes", labeled.classNames(), "shape",
                labeled.shape().toString(), "fingerprint", Fingerprint.of(labeled.images(), labeled.labels()),
                "split", split == null ? "all" : "split.csv"));
        try (RunGuard guard = new RunGuard()) {
            if (chosen == Protocol.KNN) {
                long start = System.nanoTime();
                TrainedModel features = pretrained != null ? pretrained
                        : TrainedModel.classifier(Networks.classifier(net, labeled.numClasses(), crossEntropy,
                                labeled.shape(), settings), labeled.shape(), labeled.classNames());
                EvaluationReport report = KnnProbe.fit(features, labeled, k, knnTemperature, 500).evaluate(testSet, 500);
                run.writeEvaluation("test", report);
                run.put("knn", Map.of("k", Math.min(k, labeled.size()), "temperature", knnTemperature,
                        "seconds", (System.nanoTime() - start) / 1e9));
                run.finish("completed");
                System.out.printf("kNN probe (k %d, t %.2f) with %d labeled images: test accuracy %.4f, balanced %.4f,"
                        + " macro-F1 %.4f on %d images -> %s%n", Math.min(k, labeled.size()), knnTemperature,
                        labeled.size(), report.accuracy(), report.balancedAccuracy(), report.macroF1(), report.total(), out);
                return 0;
            }
            FineTuner tuner = builder.optSettings(settings)
                    .optListener(RunOptions.withHeartbeat(Progress.toStderr("finetune"), run))
                    .optStopSignal(guard.stopSignal()).optCheckpoints(runOptions.checkpoints(run)).build();
            TrainResult result = pretrained != null ? tuner.fit(pretrained, labeled) : tuner.fitFromScratch(net, labeled);
            run.saveModel(result.model().withWindow(dataOptions.window()));
            run.writeHistory("finetune", result.history());
            String scored = "";
            if (testSet != null && !guard.interrupted()) {
                EvaluationReport report = Evaluator.evaluate(result.model(), testSet, 500);
                run.writeEvaluation("test", report);
                scored = String.format(": test accuracy %.4f, balanced %.4f, macro-F1 %.4f on %d images",
                        report.accuracy(), report.balancedAccuracy(), report.macroF1(), report.total());
            }
            run.finish(guard.interrupted() ? "interrupted" : "completed");
            System.out.printf("%s on %d labeled images: %d steps in %.1f s, final loss %.4f%s -> %s%n",
                    chosen == Protocol.LINEAR ? "linear probe" : "fine-tuned", labeled.size(), result.history().steps(),
                    result.history().seconds(), result.history().meanOfLast(50), scored, out);
            return guard.interrupted() ? Main.EXIT_INTERRUPTED : 0;
        } catch (Throwable e) {
            throw RunFailure.record(run, e);
        }
    }
}
