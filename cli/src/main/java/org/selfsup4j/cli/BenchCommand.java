package org.selfsup4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code selfsup bench}: throughput benchmarks. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Throughput benchmarks.",
        subcommands = {BenchTrainCommand.class, BenchAugmentCommand.class, BenchReportCommand.class})
final class BenchCommand implements Runnable {
    @ParentCommand
    Main main;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: choose one of "
                + spec.subcommands().keySet());
    }
}
