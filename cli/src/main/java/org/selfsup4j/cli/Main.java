package org.selfsup4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.selfsup4j.core.SelfSupException;
import org.selfsup4j.trainer.backend.NativeAllocator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code selfsup}: the command line. Exit codes: 0 done, 1 unexpected failure, 2 bad usage (unknown option, name or
 * setting), 3 bad data, 4 bad model, 5 I/O failure, 6 data set not installed, 130 interrupted (the run folder is
 * consistent and says so).
 */
@Command(name = "selfsup", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Self-supervised and semi-supervised learning for images, on Deeplearning4j.",
        subcommands = {PretrainCommand.class, FinetuneCommand.class, EvaluateCommand.class, PluginsCommand.class,
                SemisupCommand.class, RecalibrateBnCommand.class, QuickstartCommand.class, AugmentPreviewCommand.class,
                PretextPreviewCommand.class, CompareCommand.class, RunsCommand.class, BenchCommand.class,
                DataInfoCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_INTERRUPTED = 130;

    @Option(names = "--plugins", description = "a folder of plugin jars to add", scope = CommandLine.ScopeType.INHERIT)
    Path plugins;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The arguments this CLI was run with (after {@code --resume} expansion). */
    private String[] args = new String[0];

    /** The arguments after the first {@code command}: what a run records as its command line. */
    String[] argsOf(String command) {
        int at = Arrays.asList(args).indexOf(command);
        return at < 0 ? new String[0] : Arrays.copyOfRange(args, at + 1, args.length);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + spec.subcommands().keySet());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (for tests and embedding). */
    public static int execute(String... given) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        String[] args;
        try {
            args = RunOptions.expand(given, List.of("pretrain", "finetune", "semisup"));
        } catch (SelfSupException e) {
            cli.getErr().println("error: " + e.getMessage());
            cli.getErr().flush();
            return e.code().exitCode();
        }
        main.args = args;
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof SelfSupException s) {
                err.println("error: " + s.getMessage());
                err.flush();
                return s.code().exitCode();
            }
            err.println("error: unexpected failure: " + e);
            e.printStackTrace(err);
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    /** Prints the version from the jar manifest, the DL4J and Java versions and the native allocator. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            long trimMillis = NativeAllocator.trimIntervalMillis();
            return new String[] {"selfsup4j " + (v == null ? "0.1.0-SNAPSHOT" : v) + " (Deeplearning4j 1.0.0-M2.1, Java "
                    + System.getProperty("java.version") + ", malloc " + NativeAllocator.describe()
                    + (trimMillis > 0 ? ", trimmed every " + trimMillis + " ms" : "") + ")"};
        }
    }
}
