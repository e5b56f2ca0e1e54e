package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.EnvironmentException;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.config.Presets;
import dev.encodecparity.engine.OutOfMemory;
import dev.encodecparity.mapping.RenameRules;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The launcher's entry point: {@code ./encodec-parity <subcommand> ...}. */
@Command(name = "encodec-parity", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Converts original EnCodec checkpoints to the transformers layout and proves the result is the"
                + " same codec.%n%nExit codes: 0 success, 1 a check failed, 2 bad input or error, 3 the environment"
                + " (out of memory, a requested device or native library that cannot be used, TF32 not off on a"
                + " GPU), 4 a bug in the tool (please report it).")
public final class Main implements java.util.concurrent.Callable<Integer> {
    /**
     * The subcommands, in the order help lists them. Data, not annotations: when the first argument names one of them
     * (other than {@code help}, which needs them all), only that one is built, because picocli reflects over every
     * option of every subcommand it is given: building all of them cost about 20 ms of a 0.4 s conversion.
     */
    static final Map<String, Class<?>> SUBCOMMANDS = orderedMap("convert", ConvertCommand.class,
            "encode", EncodeCommand.class, "decode", DecodeCommand.class, "verify", VerifyCommand.class,
            "golden", GoldenCommand.class, "bench", BenchCommand.class, "demo", DemoCommand.class,
            "doctor", DoctorCommand.class, "report", ReportCommand.class, "diff", DiffCommand.class,
            "inspect", InspectCommand.class,
            "help", CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        warmUpInBackground(args);
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with its own output writers (tests) and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        Class<?> named = namedSubcommand(args);
        if (named != null) {
            cli.addSubcommand(named);
        } else {
            SUBCOMMANDS.values().forEach(cli::addSubcommand);
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(Main::handle);
        cli.setExecutionStrategy(PathOptions::checkThenRun);
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage().replaceFirst("^Error: ", ""));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
            ex.getCommandLine().getErr().println("see: " + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help");
            return ExitCode.ERROR;
        });
        try {
            return cli.execute(args);
        } catch (Error e) { // picocli hands only Exceptions to the handler; an Error leaves execute
            return report(e, err);
        }
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
        return report(e, cli.getErr());
    }

    /** Prints a command's error the way its exit code says (one line, or a stack trace for a bug) and returns it. */
    static int report(Throwable e, PrintWriter err) {
        int code = exitCodeOf(e);
        if (e instanceof BadInputException b) {
            err.println("error: " + b.fullText());
        } else if (code == ExitCode.ENVIRONMENT) {
            err.println("error: " + oneLine(e));
        } else {
            err.println("internal error (please report): " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * The exit code of an error: 2 bad input, 3 the environment (out of memory, refused for want of it, an unusable
     * device or native library, TF32 not off on a GPU), 4 anything else, which is a bug.
     */
    static int exitCodeOf(Throwable e) {
        if (e instanceof BadInputException) {
            return ExitCode.ERROR;
        }
        if (e instanceof EnvironmentException || OutOfMemory.describe(e).isPresent()) {
            return ExitCode.ENVIRONMENT;
        }
        return ExitCode.INTERNAL;
    }

    /** The one line a user sees for an error of the environment, or the message of any other. */
    static String oneLine(Throwable e) {
        if (e instanceof EnvironmentException) {
            return e.getMessage();
        }
        return OutOfMemory.describe(e).orElse(String.valueOf(e.getMessage()));
    }

    /**
     * Start-up: building the command line (picocli) and reading the model presets and renaming rules (Jackson,
     * regular expressions), which every subcommand but help needs, are independent and each take tens of
     * milliseconds in a fresh JVM; started together, they overlap on a second core. Class initialisation is
     * thread-safe: the main thread waits for a class still being initialised here.
     */
    private static void warmUpInBackground(String[] args) {
        if (namedSubcommand(args) == null) {
            return;
        }
        Thread t = new Thread(() -> {
            Presets.all();
            RenameRules.RULES.size();
        }, "encodec-parity-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** The subcommand the first argument names, or null when it names none or {@code help} (which needs them all). */
    private static Class<?> namedSubcommand(String[] args) {
        Class<?> named = args.length == 0 ? null : SUBCOMMANDS.get(args[0]);
        return named == CommandLine.HelpCommand.class ? null : named;
    }

    /** Name, class, name, class, ...: the names are the classes' {@code @Command} names (checked by MainTest). */
    private static Map<String, Class<?>> orderedMap(Object... nameThenClass) {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            byName.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(byName);
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var natives = dev.encodecparity.engine.runtime.NativeLibraries.predict().libtorch();
            String libtorch = natives.folder() == null ? "none found (see doctor)"
                    : (natives.version() == null ? "version unknown" : natives.version())
                            + (natives.flavor() == null ? "" : " " + natives.flavor()) + " (" + natives.foundBy() + ")";
            return new String[] {
                ToolInfo.nameAndVersion() + " (commit " + ToolInfo.COMMIT + ")",
                "DJL " + dev.encodecparity.engine.runtime.Doctor.djlVersion() + ", libtorch " + libtorch,
                "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vm.vendor") + "), " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch")};
        }
    }
}
