package org.selfsup4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.core.config.ComponentConfig;
import org.selfsup4j.core.config.ComponentSpec;
import org.selfsup4j.trainer.plugin.Catalog;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code selfsup compare}: which pretext task helps on my data. Pretrains every task once per seed on the unlabeled
 * images, scores each pretrained backbone with every protocol on the labeled images, always alongside a randomly
 * initialised backbone scored the same way, and writes a table (mean ± std over seeds, minutes per run) as markdown,
 * CSV and a bar chart. Every part is an ordinary run folder made by the ordinary {@code pretrain} and
 * {@code finetune} commands; finished parts are skipped and interrupted, crashed or failed ones continue from their
 * checkpoints ({@code --resume}), so a long comparison completes across invocations.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Pretrain each pretext task, score it with each protocol next to random initialisation, and "
                + "tabulate the result (resumable: finished parts are skipped).")
final class CompareCommand implements Callable<Integer> {
    static final String RANDOM_INIT = "random-init";

    @ParentCommand
    Main main;

    @Option(names = "--tasks", defaultValue = "rotation,jigsaw,relative-position,corruption",
            description = "pretext tasks, each optionally with settings: \"rotation,jigsaw(grid=2;permutations=24)\" (default: ${DEFAULT-VALUE})")
    String tasks;

    @Option(names = "--protocols", defaultValue = "linear,knn,full", description = "evaluation protocols (default: ${DEFAULT-VALUE})")
    String protocols;

    @Option(names = "--seeds", defaultValue = "1,2,3", description = "seeds: of the label split, the weights and the batches (default: ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--labels-per-class", split = ",", description = "labeled images per class (stratified, seeded), one "
            + "or several such as 10,100 (each pretraining serves them all); default: all of --labeled (required with --data)")
    List<Integer> labelsPerClass;

    @Option(names = "--data", description = "'fashion-mnist' or a Fashion-MNIST folder: its training images are unlabeled and labeled, t10k is the test set")
    String data;

    @Option(names = "--labeled", description = "labeled images (class sub-folders)")
    String labeled;

    @Option(names = "--unlabeled", description = "unlabeled images to pretrain on (any folder)")
    String unlabeled;

    @Option(names = "--test", description = "labeled test images (class sub-folders)")
    String test;

    @Option(names = "--backbone", defaultValue = DefaultBackbone.NAME, description = "backbone (default: ${DEFAULT-VALUE}; see `selfsup plugins`)")
    String backbone;

    @Option(names = "--backbone-config", defaultValue = "", description = "backbone settings, key=value,...")
    String backboneConfig;

    @Option(names = "--pretrain-steps", defaultValue = "1000", description = "pretraining steps per task (default: ${DEFAULT-VALUE})")
    int pretrainSteps;

    @Option(names = "--finetune-steps", defaultValue = "300", description = "steps of the full and linear protocols (default: ${DEFAULT-VALUE})")
    int finetuneSteps;

    @Option(names = "--k", defaultValue = "20", description = "neighbours of the knn protocol (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--channels", description = "keep | gray | rgb, for every part")
    String channels;

    @Option(names = "--resize", description = "HxW, for every part")
    String resize;

    @Option(names = "--workers", defaultValue = "1", description = "batch threads of every part (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--out", required = true, description = "folder of the comparison (created, or continued if it holds one)")
    Path out;

    @Override
    public Integer call() throws Exception {
        Plan plan = plan();
        Files.createDirectories(out);
        int done = 0;
        int total = plan.parts().size();
        for (Part part : plan.parts()) {
            done++;
            Path dir = out.resolve(part.folder());
            if (CompareTable.completed(dir)) {
                System.err.printf("compare %d/%d %s: done before, skipped%n", done, total, part.folder());
                continue;
            }
            boolean resume = resumable(dir);
            if (!resume) {
                setAside(dir);
            }
            System.err.printf("compare %d/%d %s%s%n", done, total, part.folder(),
                    resume ? ": continuing it from its checkpoint" : "");
            int code = Main.execute(resume ? part.resumeArgs(main.plugins, dir) : part.args(main.plugins));
            if (code != 0) {
                System.err.printf("compare stopped at %s (exit %d); run the same command again to continue%n",
                        part.folder(), code);
                return code;
            }
        }
        CompareTable table = CompareTable.read(out, plan.methods(), plan.protocols(), plan.labels(), plan.seeds());
        table.write(out);
        System.out.print(table.markdown());
        System.out.printf("wrote %s, %s and %s%n", out.resolve(CompareTable.MARKDOWN), out.resolve(CompareTable.CSV),
                out.resolve(CompareTable.PLOT));
        return 0;
    }

    /** An interrupted, crashed or failed part with its command line continues in place (--resume). */
    private static boolean resumable(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunOptions.COMMAND_LINE)) || !Files.isRegularFile(dir.resolve(RunFolder.RUN_FILE))) {
            return false;
        }
        String state = RunStatus.read(dir).state();
        return state.equals("interrupted") || state.equals("crashed") || state.equals("failed");
    }

    /** Any other unfinished part (still marked running by a live process, or without its command line) is renamed. */
    private static void setAside(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        int n = 1;
        while (Files.exists(dir.resolveSibling(dir.getFileName() + ".incomplete-" + n))) {
            n++;
        }
        Path aside = dir.resolveSibling(dir.getFileName() + ".incomplete-" + n);
        Files.move(dir, aside);
        System.err.println("an unfinished " + dir.getFileName() + " was kept as " + aside.getFileName() + "; running it again");
    }

    /** Everything checked before the first part runs: names, settings, data options. */
    Plan plan() {
        if ((data == null) == (labeled == null)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give --data fashion-mnist, or --labeled DIR --unlabeled "
                    + "DIR --test DIR");
        }
        if (labeled != null && (unlabeled == null || test == null)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "With --labeled, give --unlabeled DIR (to pretrain on) and "
                    + "--test DIR (to score on) too");
        }
        if (labelsPerClass != null && labelsPerClass.stream().anyMatch(n -> n <= 0)) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--labels-per-class must be positive, got " + labelsPerClass);
        }
        if (data != null && labelsPerClass == null) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "With --data, give --labels-per-class N (the labeled share "
                    + "of its training images)");
        }
        if (pretrainSteps <= 0 || finetuneSteps <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--pretrain-steps and --finetune-steps must be positive");
        }
        Catalog catalog = Composition.start(main.plugins).catalog();
        catalog.backbone(backbone, ComponentConfig.parse(backboneConfig));
        List<Method> methods = new ArrayList<>();
        methods.add(new Method(RANDOM_INIT, null));
        for (String token : ComponentSpec.splitTopLevel(tasks)) {
            ComponentSpec spec = ComponentSpec.parse(token);
            catalog.pretextTask(spec.name(), spec.config());
            Method m = new Method(Method.key(spec), spec);
            if (methods.stream().anyMatch(x -> x.key().equals(m.key()))) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Task [" + token + "] is listed twice in --tasks");
            }
            methods.add(m);
        }
        List<Protocol> ps = new ArrayList<>();
        for (String p : protocols.split(",")) {
            Protocol parsed = Protocol.parse(p.trim());
            if (!ps.contains(parsed)) {
                ps.add(parsed);
            }
        }
        List<Long> ss = new ArrayList<>();
        for (String s : seeds.split(",")) {
            try {
                ss.add(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Bad seed [" + s.trim() + "] in --seeds [" + seeds
                        + "], expected whole numbers such as 1,2,3", s, List.of(), null);
            }
        }
        List<Part> parts = new ArrayList<>();
        for (long seed : ss) {
            for (Method m : methods) {
                if (m.spec() != null) {
                    parts.add(new Part(m.pretrainFolder(seed), pretrainArgs(m, seed)));
                }
                for (Integer labels : labelCounts()) {
                    for (Protocol p : ps) {
                        parts.add(new Part(m.evalFolder(p, labels, seed), evalArgs(m, p, labels, seed)));
                    }
                }
            }
        }
        return new Plan(methods.stream().map(Method::key).toList(), ps, labelCounts(), ss, parts);
    }

    /** The label counts per class; a list holding null means "all labeled images". */
    private List<Integer> labelCounts() {
        return labelsPerClass == null ? Collections.singletonList(null) : List.copyOf(labelsPerClass);
    }

    private List<String> pretrainArgs(Method m, long seed) {
        List<String> a = new ArrayList<>(List.of("pretrain", "--task", m.spec().name(), "--task-config",
                String.join(",", configText(m.spec().config())), "--backbone", backbone, "--backbone-config",
                backboneConfig, "--data", data != null ? data : unlabeled, "--steps", String.valueOf(pretrainSteps),
                "--seed", String.valueOf(seed), "--workers", String.valueOf(workers),
                "--out", out.resolve(m.pretrainFolder(seed)).toString()));
        addDataOptions(a);
        return a;
    }

    private List<String> evalArgs(Method m, Protocol p, Integer labels, long seed) {
        List<String> a = new ArrayList<>(List.of("finetune"));
        if (m.spec() == null) {
            a.addAll(List.of("--backbone", backbone, "--backbone-config", backboneConfig));
        } else {
            a.addAll(List.of("--from", out.resolve(m.pretrainFolder(seed)).toString()));
        }
        a.addAll(List.of("--protocol", p.name().toLowerCase(), "--train", data != null ? data : labeled,
                "--test", data != null ? data : test, "--steps", String.valueOf(finetuneSteps), "--k", String.valueOf(k),
                "--seed", String.valueOf(seed), "--workers", String.valueOf(workers),
                "--out", out.resolve(m.evalFolder(p, labels, seed)).toString()));
        if (labels != null) {
            a.addAll(List.of("--labels-per-class", String.valueOf(labels)));
        }
        addDataOptions(a);
        return a;
    }

    private void addDataOptions(List<String> a) {
        if (channels != null) {
            a.addAll(List.of("--channels", channels));
        }
        if (resize != null) {
            a.addAll(List.of("--resize", resize));
        }
    }

    private static List<String> configText(ComponentConfig config) {
        List<String> out = new ArrayList<>();
        config.asMap().forEach((key, value) -> out.add(key + "=" + value));
        return out;
    }

    /** A row of the table: random initialisation or a pretext task with its settings. */
    record Method(String key, ComponentSpec spec) {
        static String key(ComponentSpec spec) {
            if (spec.config().asMap().isEmpty()) {
                return spec.name();
            }
            StringBuilder b = new StringBuilder(spec.name());
            spec.config().asMap().forEach((k, v) -> b.append('_').append(k).append('-').append(v));
            return b.toString().replaceAll("[^A-Za-z0-9_.-]", "-");
        }

        String pretrainFolder(long seed) {
            return pretrainFolder(key, seed);
        }

        static String pretrainFolder(String key, long seed) {
            return "pretrain-" + key + "-s" + seed;
        }

        String evalFolder(Protocol p, Integer labels, long seed) {
            return evalFolder(key, p, labels, seed);
        }

        /** {@code method-protocol[-lN]-sSEED}: N labeled images per class, absent for all of them. */
        static String evalFolder(String key, Protocol p, Integer labels, long seed) {
            return key + "-" + p.name().toLowerCase() + (labels == null ? "" : "-l" + labels) + "-s" + seed;
        }
    }

    /** One run of the comparison: its folder and the CLI arguments that make it. */
    record Part(String folder, List<String> arguments) {
        String[] args(Path plugins) {
            return withPlugins(plugins, arguments);
        }

        /** {@code CMD --resume DIR}: the part continued from its newest checkpoint, with its own recorded settings. */
        String[] resumeArgs(Path plugins, Path dir) {
            return withPlugins(plugins, List.of(arguments.get(0), "--resume", dir.toString()));
        }

        private static String[] withPlugins(Path plugins, List<String> args) {
            List<String> a = new ArrayList<>();
            if (plugins != null) {
                a.addAll(List.of("--plugins", plugins.toString()));
            }
            a.addAll(args);
            return a.toArray(String[]::new);
        }
    }

    record Plan(List<String> methods, List<Protocol> protocols, List<Integer> labels, List<Long> seeds, List<Part> parts) {
    }
}
