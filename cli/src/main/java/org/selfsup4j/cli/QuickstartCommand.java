package org.selfsup4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabelSplit;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.data.AugmentPipeline;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.Progress;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.FineTuner;
import org.selfsup4j.trainer.train.Pretrainer;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup quickstart}: the whole path on Fashion-MNIST. Rotation pretraining on the training images, then with
 * {@code --labels-per-class} labels per class (default 10: 100 labels): a labels-only baseline, a linear probe and a
 * full fine-tune of the pretrained backbone, all scored on the official 10,000 test images.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Pretrain with rotation on Fashion-MNIST, fine-tune with 100 labels, compare with labels only.")
final class QuickstartCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--data", description = "folder with the Fashion-MNIST IDX files (default: the Debian package's, installed or downloaded if missing)")
    Path data;

    @Option(names = "--out", description = "run folder (default: runs/quickstart-<time>)")
    Path out;

    @Option(names = "--labels-per-class", defaultValue = "10", description = "labels per class (default: ${DEFAULT-VALUE})")
    int labelsPerClass;

    @Option(names = "--pretrain-steps", defaultValue = "1500", description = "rotation pretraining steps of 32 images x 4 rotations (default: ${DEFAULT-VALUE})")
    int pretrainSteps;

    @Option(names = "--finetune-steps", defaultValue = "300", description = "fine-tuning steps of 64 images (default: ${DEFAULT-VALUE})")
    int finetuneSteps;

    @Option(names = "--seed", defaultValue = "1", description = "seed of weights, batches and the label split (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        Path folder = FashionMnistLocator.locate(data, System.err);
        Catalog catalog = Composition.start(main.plugins).catalog();
        Path root = out != null ? out : Path.of("runs", "quickstart-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        LabeledImages train = FashionMnist.load(folder, FashionMnist.Part.TRAIN);
        LabeledImages test = FashionMnist.load(folder, FashionMnist.Part.TEST);
        LabelSplit split = LabelSplit.perClass(train, labelsPerClass, seed);
        LabeledImages labeled = split.apply(train);
        List<Image> unlabeled = train.images();
        System.out.printf("Fashion-MNIST from %s: %d training images (unlabeled for pretraining), %d labeled (%d per class), %d test images%n",
                folder, unlabeled.size(), labeled.size(), labelsPerClass, test.size());

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("data", folder.toString());
        config.put("labels_per_class", labelsPerClass);
        config.put("pretrain_steps", pretrainSteps);
        config.put("finetune_steps", finetuneSteps);
        config.put("seed", seed);
        RunFolder run = RunFolder.create(root, "quickstart", config);
        split.write(run.file("split.csv"), train);

        SslLoss crossEntropy = catalog.loss("cross-entropy", ComponentConfig.empty());
        Backbone backbone = catalog.backbone("reference-cnn", ComponentConfig.empty());
        TrainingSettings pre = TrainingSettings.defaults().optSteps(pretrainSteps).optBatchSize(32).optSeed(seed);
        TrainingSettings fine = TrainingSettings.defaults().optSteps(finetuneSteps).optBatchSize(64).optSeed(seed);
        AugmentPipeline augment = AugmentPipeline.parse("horizontal-flip,pad-crop(pad=2)", catalog);

        try (RunGuard guard = new RunGuard()) {
            System.out.println("1/4 labels only: reference-cnn from scratch on " + labeled.size() + " labels");
            TrainResult baseline = FineTuner.builder(crossEntropy).optAugmenter(augment).optSettings(fine)
                    .optListener(Progress.toStderr("labels only")).optStopSignal(guard.stopSignal()).build()
                    .fitFromScratch(backbone, labeled);
            EvaluationReport baseReport = Evaluator.evaluate(baseline.model(), test, 500);
            run.writeHistory("baseline", baseline.history());
            run.writeEvaluation("baseline-test", baseReport);

            System.out.println("2/4 rotation pretraining on " + unlabeled.size() + " unlabeled images");
            TrainResult pretrained = Pretrainer.builder(backbone, catalog.pretextTask("rotation", ComponentConfig.empty()),
                            crossEntropy).optSettings(pre).optTaskName("rotation")
                    .optListener(Progress.toStderr("pretrain rotation")).optStopSignal(guard.stopSignal()).build()
                    .fit(unlabeled);
            run.writeHistory("pretrain", pretrained.history());

            System.out.println("3/4 linear probe: frozen rotation features + new head");
            TrainResult probe = FineTuner.builder(crossEntropy).optFreezeBackbone(true).optAugmenter(augment)
                    .optSettings(fine).optListener(Progress.toStderr("linear probe")).optStopSignal(guard.stopSignal())
                    .build().fit(pretrained.model(), labeled);
            EvaluationReport probeReport = Evaluator.evaluate(probe.model(), test, 500);
            run.writeHistory("probe", probe.history());
            run.writeEvaluation("probe-test", probeReport);

            System.out.println("4/4 fine-tune: whole pretrained network + new head");
            TrainResult tuned = FineTuner.builder(crossEntropy).optAugmenter(augment).optSettings(fine)
                    .optListener(Progress.toStderr("fine-tune")).optStopSignal(guard.stopSignal()).build()
                    .fit(pretrained.model(), labeled);
            EvaluationReport tunedReport = Evaluator.evaluate(tuned.model(), test, 500);
            run.writeHistory("finetune", tuned.history());
            run.writeEvaluation("finetune-test", tunedReport);
            run.saveModel(tuned.model());
            run.finish(guard.interrupted() ? "interrupted" : "completed");

            double minutes = (System.nanoTime() - t0) / 60e9;
            System.out.printf("%nFashion-MNIST test accuracy (%d images), %d labels (%d per class), seed %d:%n",
                    test.size(), labeled.size(), labelsPerClass, seed);
            System.out.printf("  %-44s %7s %9s %9s%n", "", "accuracy", "balanced", "macro-F1");
            row("labels only (reference-cnn from scratch)", baseReport);
            row("rotation pretrained + linear probe", probeReport);
            row("rotation pretrained + fine-tuned", tunedReport);
            System.out.printf("difference, fine-tuned - labels only: %+.2f points; %.1f minutes in all; run folder %s%n",
                    100 * (tunedReport.accuracy() - baseReport.accuracy()), minutes, root.toAbsolutePath());
            if (guard.interrupted()) {
                System.out.println("(interrupted: the steps that ran are saved, the scores are of shortened training)");
            }
            Files.writeString(run.file("summary.txt"), String.format("labels_only=%.4f probe=%.4f finetuned=%.4f%n",
                    baseReport.accuracy(), probeReport.accuracy(), tunedReport.accuracy()));
            return guard.interrupted() ? Main.EXIT_INTERRUPTED : 0;
        } catch (Throwable e) {
            throw RunFailure.record(run, e);
        }
    }

    private static void row(String name, EvaluationReport r) {
        System.out.printf("  %-44s %7.2f%% %8.2f%% %9.4f%n", name, 100 * r.accuracy(), 100 * r.balancedAccuracy(), r.macroF1());
    }
}
