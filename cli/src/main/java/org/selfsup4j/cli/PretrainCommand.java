package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.spi.Backbone;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.core.spi.SslLoss;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.Fingerprint;
import org.selfsup4j.trainer.run.Progress;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.Networks;
import org.selfsup4j.trainer.train.PretextAccuracy;
import org.selfsup4j.trainer.train.Pretrainer;
import org.selfsup4j.trainer.train.TrainResult;
import org.selfsup4j.trainer.train.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup pretrain}: a backbone trained on unlabeled images with a pretext task. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = "Pretrain a backbone on unlabeled images with a pretext task.")
final class PretrainCommand implements Callable<Integer> {
    /** Batch of 32 images; rotation makes 128 examples of them. */
    static final TrainingSettings DEFAULTS = TrainingSettings.defaults().optBatchSize(32).optSteps(1000);
    /** Images (the first ones, with fresh random transforms) on which the pretext accuracy is reported. */
    static final int ACCURACY_IMAGES = 1000;

    @ParentCommand
    Main main;

    @Option(names = "--task", defaultValue = "rotation", description = "pretext task (see 'selfsup plugins'; default: ${DEFAULT-VALUE})")
    String task;

    @Option(names = "--task-config", defaultValue = "", description = "task settings, key=value,...")
    String taskConfig;

    @Option(names = "--backbone", defaultValue = DefaultBackbone.NAME, description = "backbone (default: ${DEFAULT-VALUE}; see `selfsup plugins`)")
    String backbone;

    @Option(names = "--backbone-config", defaultValue = "", description = "backbone settings, key=value,...")
    String backboneConfig;

    @Option(names = "--loss", description = "loss, optionally with settings, e.g. nt-xent(temperature=0.2) (default: the task's own)")
    String loss;

    @Option(names = "--data", required = true, description = "unlabeled images: a folder (recursive), a Fashion-MNIST folder, or 'fashion-mnist'")
    String data;

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
        Catalog catalog = Composition.start(main.plugins).catalog();
        PretextTask pretext = catalog.pretextTask(task, ComponentConfig.parse(taskConfig));
        Backbone net = catalog.backbone(backbone, ComponentConfig.parse(backboneConfig));
        String lossName = loss == null ? pretext.defaultLoss() : loss;
        ComponentSpec lossSpec = ComponentSpec.parse(lossName);
        SslLoss sslLoss = catalog.loss(lossSpec.name(), lossSpec.config());
        TrainingSettings settings = train.settings(DEFAULTS);
        List<Image> images = dataOptions.unlabeled(data, FashionMnist.Part.TRAIN);
        pretext = pretext.prepare(images);
        pretext.inputShape(images.get(0).shape());   // images too small for the task's geometry fail here, before the run
        Pretrainer.requireBatchFits(sslLoss, settings, task);
        ComputationGraphConfiguration conf =   // fails before the run when the head cannot be built for these images
                Networks.pretextConfiguration(net, pretext, sslLoss, images.get(0).shape(), settings);
        Pretrainer.requireMemoryFits(conf, pretext, images.get(0), settings);   // a batch that cannot fit, before the run

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("task", task);
        config.put("task_config", ComponentConfig.parse(taskConfig).asMap());
        config.put("backbone", backbone);
        config.put("backbone_config", ComponentConfig.parse(backboneConfig).asMap());
        config.put("loss", lossName);
        config.put("data", data);
        config.put("training", settings.toMap());
        out = runOptions.out(out);
        OutputFolder.requireOutside(out, data);
        RunFolder run = runOptions.open(out, "pretrain", config, main.argsOf("pretrain"));
        run.put("data", Map.of("images", images.size(), "shape", images.get(0).shape().toString(),
                "fingerprint", Fingerprint.of(images, null)));
        run.put("task_details", pretext.describe(images.get(0).shape()));
        dataOptions.recordReading(run);
        try (RunGuard guard = new RunGuard()) {
            TrainResult result = Pretrainer.builder(net, pretext, sslLoss).optSettings(settings).optTaskName(task)
                    .optListener(RunOptions.withHeartbeat(Progress.toStderr("pretrain " + task), run))
                    .optStopSignal(guard.stopSignal()).optCheckpoints(runOptions.checkpoints(run)).build().fit(images);
            run.saveModel(result.model().withWindow(dataOptions.window()));
            run.writeHistory("pretrain", result.history());
            String accuracy = "";
            if (!guard.interrupted() && PretextAccuracy.applies(pretext, images)) {   // interrupted: mark it within 60 s
                List<Image> sample = images.subList(0, Math.min(images.size(), ACCURACY_IMAGES));
                double a = PretextAccuracy.of(result.model().graph(), pretext, sample, 100, settings.seed() + 1);
                run.put("pretext_accuracy", Map.of("accuracy", a, "images", sample.size()));
                accuracy = String.format(", pretext accuracy %.4f on %d images", a, sample.size());
            }
            run.finish(guard.interrupted() ? "interrupted" : "completed");
            System.out.printf("pretrained %s with %s: %d steps in %.1f s, final loss %.4f%s -> %s%n", backbone, task,
                    result.history().steps(), result.history().seconds(), result.history().meanOfLast(50), accuracy, out);
            return guard.interrupted() ? Main.EXIT_INTERRUPTED : 0;
        } catch (Throwable e) {
            throw RunFailure.record(run, e);
        }
    }
}
