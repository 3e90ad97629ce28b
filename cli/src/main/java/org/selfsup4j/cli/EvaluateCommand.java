package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.data.LabeledImages;
import org.selfsup4j.trainer.run.Fingerprint;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.EvaluationReport;
import org.selfsup4j.trainer.train.Evaluator;
import org.selfsup4j.trainer.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code selfsup evaluate}: accuracy, balanced accuracy, macro-F1 and the confusion matrix on labeled test images. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a classifier on labeled images (Fashion-MNIST: the official test split).")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "a finetune run folder (or model.zip)")
    Path model;

    @Option(names = "--data", required = true, description = "labeled test images: a folder of class sub-folders, a Fashion-MNIST folder, or 'fashion-mnist' (its t10k test split)")
    String data;

    @Option(names = "--out", required = true, description = "run folder to create")
    Path out;

    @Option(names = "--batch", defaultValue = "256", description = "images per forward pass (default: ${DEFAULT-VALUE})")
    int batch;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        TrainedModel trained = ModelStore.load(model);
        dataOptions.readAs(trained);
        trained.requireClassifier("evaluate");
        LabeledImages test = dataOptions.labeled(data, FashionMnist.Part.TEST);
        trained.requireInputShape(test.shape());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model.toString());
        config.put("data", data);
        OutputFolder.requireOutside(out, data);
        RunFolder run = RunFolder.create(out, "evaluate", config);
        dataOptions.recordReading(run);
        run.put("data", Map.of("examples", test.size(), "fingerprint", Fingerprint.of(test.images(), test.labels())));
        EvaluationReport report;
        try {
            report = Evaluator.evaluate(trained, test, batch);
            run.writeEvaluation("evaluate", report);
            run.finish("completed");
        } catch (Throwable e) {
            throw RunFailure.record(run, e);
        }
        System.out.printf("accuracy %.4f  balanced accuracy %.4f  macro-F1 %.4f  on %d images -> %s%n",
                report.accuracy(), report.balancedAccuracy(), report.macroF1(), report.total(), out);
        return 0;
    }
}
