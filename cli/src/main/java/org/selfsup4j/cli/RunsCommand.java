package org.selfsup4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.selfsup4j.core.ErrorCode;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.run.RunFolder;
import org.selfsup4j.trainer.run.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code selfsup runs DIR}: the run folders under a folder, with status (a dead process reads as crashed), step, loss, result. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List the runs under a folder: status (running, crashed, interrupted, failed, completed), command, "
                + "step, last loss and test accuracy.")
final class RunsCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "a run folder or a folder of run folders (searched 3 levels deep)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new SelfSupException(ErrorCode.MISSING_PATH, "No such folder: " + dir, dir.toString(), List.of(), null);
        }
        List<Path> runs;
        try (Stream<Path> s = Files.find(dir, 3, (p, a) -> p.getFileName().toString().equals(RunFolder.RUN_FILE))) {
            runs = s.map(Path::getParent).sorted().toList();
        }
        System.out.printf("%-11s %-14s %13s %10s %9s  %s%n", "status", "command", "step", "loss", "accuracy", "run");
        for (Path run : runs) {
            RunStatus s = RunStatus.read(run);
            String step = s.step() == null ? "-" : s.steps() == null ? s.step().toString() : s.step() + "/" + s.steps();
            System.out.printf(Locale.ROOT, "%-11s %-14s %13s %10s %9s  %s%n", s.state(), s.command(), step,
                    s.loss() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.loss()),
                    s.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.accuracy()),
                    run.equals(dir) ? run : dir.relativize(run));
        }
        return 0;
    }
}
