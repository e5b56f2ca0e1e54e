package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.ToolInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The launcher's entry point: {@code ./encodec-parity <subcommand> ...}. */
@Command(name = "encodec-parity", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Converts original EnCodec checkpoints to the transformers layout and proves the result is the"
                + " same codec.%n%nExit codes: 0 success, 1 a check failed, 2 bad input or error.",
        subcommands = {ConvertCommand.class, EncodeCommand.class, DecodeCommand.class, VerifyCommand.class,
            GoldenCommand.class, BenchCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with its own output writers (tests) and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage().replaceFirst("^Error: ", ""));
            ex.getCommandLine().getErr().println("see: " + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help");
            return ExitCode.ERROR;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        return missingSubcommand(spec.commandLine());
    }

    /** No subcommand is a usage error like any other: the usage, one error line, exit code 2. */
    static int missingSubcommand(CommandLine cli) {
        cli.usage(cli.getErr());
        cli.getErr().println("error: a subcommand is required");
        return ExitCode.ERROR;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof BadInputException b) {
            err.println("error: " + b.fullText());
        } else {
            err.println("internal error (please report): " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.ERROR;
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ToolInfo.nameAndVersion()};
        }
    }
}
