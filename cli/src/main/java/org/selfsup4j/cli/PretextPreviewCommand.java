package org.selfsup4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.data.FashionMnist;
import org.selfsup4j.core.image.Image;
import org.selfsup4j.core.image.InputShape;
import org.selfsup4j.core.spi.PretextTask;
import org.selfsup4j.trainer.run.ModelStore;
import org.selfsup4j.trainer.run.PretextPreview;
import org.selfsup4j.trainer.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup pretext-preview}: what a pretext task shows the network and what it asks. */
@Command(name = "pretext-preview", mixinStandardHelpOptions = true,
        description = "Draw what a pretext task gives the network (in input order) and the target it asks for.")
final class PretextPreviewCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Option(names = "--task", required = true, description = "pretext task (see 'selfsup plugins')")
    String task;

    @Option(names = "--task-config", defaultValue = "", description = "task settings, key=value,...")
    String taskConfig;

    @Option(names = "--data", required = true, description = "images: a folder (recursive), a Fashion-MNIST folder, or 'fashion-mnist'")
    String data;

    @Option(names = "--out", required = true, description = "PNG file to write")
    Path out;

    @Option(names = "--rows", defaultValue = "4", description = "images, one per row (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--height", defaultValue = "112", description = "height of each image in the picture, in pixels (default: ${DEFAULT-VALUE})")
    int height;

    @Option(names = "--from", description = "a pretrain run folder (or model.zip) of this task: also draw its output")
    Path from;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    DataOptions dataOptions;

    @Override
    public Integer call() throws Exception {
        PretextTask pretext = Composition.start(main.plugins).catalog().pretextTask(task, ComponentConfig.parse(taskConfig));
        TrainedModel model = from == null ? null : ModelStore.load(from);
        if (model != null) {
            dataOptions.readAs(model);
        }
        if (model != null && !model.pretextTask().equals(task)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--from " + from + " is a network of "
                    + (model.isPretext() ? "the " + model.pretextTask() + " task" : "a classifier")
                    + ", not of " + task + " (give --task " + (model.isPretext() ? model.pretextTask() : "...") + ")",
                    model.pretextTask(), List.of(task), null);
        }
        List<Image> images = dataOptions.unlabeled(data, FashionMnist.Part.TRAIN);
        pretext = pretext.prepare(images);
        InputShape input = pretext.inputShape(images.get(0).shape());
        if (model != null) {
            model.requireInputShape(input);
        }
        List<Image> picked = AugmentPreviewCommand.pick(images, rows, seed);
        PretextPreview.write(pretext, picked, height, seed, out, model == null ? null : model.graph());
        System.out.printf("wrote %s: %d images with what %s makes of them%n", out, picked.size(), task);
        return 0;
    }
}
