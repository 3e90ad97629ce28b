package org.selfsup4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.run.AtomicFiles;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.train.Checkpoints;
import org.selfsup4j.trainer.train.StepListener;
import picocli.CommandLine.Option;

/**
 * The options every training command shares for keeping its run safe: checkpoints and {@code --resume}. A new run
 * records its command line in {@value #COMMAND_LINE}; {@code selfsup CMD --resume RUN} is expanded by {@link #expand}
 * to that command line, so the resumed run has exactly the original settings, and continues in RUN from its newest
 * checkpoint.
 */
final class RunOptions {
    static final String COMMAND_LINE = "command-line.txt";

    @Option(names = "--checkpoint-every", defaultValue = "500",
            description = "write a checkpoint every N steps (0: by time only; default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--checkpoint-minutes", defaultValue = "10",
            description = "and whenever this many minutes passed since the last one (default: ${DEFAULT-VALUE})")
    double checkpointMinutes;

    @Option(names = "--resume", description = "continue the interrupted, crashed or killed run in this folder, in place, "
            + "with its own settings (give no other options)")
    Path resume;

    /** The run folder: {@code out} created anew, or the run to resume reopened. */
    RunFolder open(Path out, String command, Map<String, Object> config, String[] commandArgs) throws IOException {
        if (checkpointMinutes <= 0) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "--checkpoint-minutes must be positive, got "
                    + checkpointMinutes, String.valueOf(checkpointMinutes), List.of(), null);
        }
        if (resume != null) {
            return RunFolder.resume(resume, command, config);
        }
        RunFolder run = RunFolder.create(out, command, config);
        StringBuilder text = new StringBuilder();
        for (String a : commandArgs) {
            if (a.contains("\n")) {
                throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "An argument holds a line break: [" + a + "]", a,
                        List.of(), null);
            }
            text.append(a).append('\n');
        }
        AtomicFiles.writeString(run.file(COMMAND_LINE), text.toString());
        return run;
    }

    /** Where the command writes its run: the resumed folder, if resuming. */
    Path out(Path out) {
        return resume != null ? resume : out;
    }

    Checkpoints checkpoints(RunFolder run) {
        return new Checkpoints(run.dir(), checkpointEvery, Duration.ofMillis((long) (checkpointMinutes * 60_000)));
    }

    /** {@code progress}, and the run's heartbeat (step and loss in run.json). */
    static StepListener withHeartbeat(StepListener progress, RunFolder run) {
        return (step, total, loss, elapsedNanos) -> {
            progress.stepDone(step, total, loss, elapsedNanos);
            run.heartbeat(step, total, loss);
        };
    }

    /**
     * {@code [global options] CMD --resume RUN} becomes {@code [global options] CMD <RUN's command line> --resume RUN};
     * anything else is returned unchanged. Other options beside {@code --resume} are refused: the run keeps its own.
     */
    static String[] expand(String[] args, List<String> commands) {
        int at = Arrays.asList(args).indexOf("--resume");
        if (at < 0) {
            return args;
        }
        int command = -1;
        for (int i = 0; i < at && command < 0; i++) {
            if (commands.contains(args[i])) {
                command = i;
            }
        }
        if (command < 0) {
            return args;   // not a training command: picocli reports the unknown option
        }
        if (at != command + 1 || at + 2 != args.length) {
            throw new SelfSupException(ErrorCode.BAD_ARGUMENT, "Give --resume RUN alone after " + args[command]
                    + ": a resumed run keeps the settings it was started with", String.join(" ", args), List.of(), null);
        }
        Path run = Path.of(args[at + 1]);
        Path file = run.resolve(COMMAND_LINE);
        if (!Files.isRegularFile(file)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "Cannot resume " + run + ": it has no " + COMMAND_LINE
                    + " (is it a run folder of " + args[command] + "?)", run.toString(), List.of(), null);
        }
        List<String> recorded;
        try {
            recorded = Files.readAllLines(file);
        } catch (IOException e) {
            throw new SelfSupException(ErrorCode.IO_FAILURE, "Cannot read " + file + ": " + e, file.toString(), List.of(), e);
        }
        List<String> out = new ArrayList<>(Arrays.asList(args).subList(0, at));
        out.addAll(recorded);
        out.add("--resume");
        out.add(args[at + 1]);
        return out.toArray(String[]::new);
    }
}
