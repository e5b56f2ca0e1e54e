package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Checks every path option of the command line before the command runs: an empty value (an unset shell variable,
 * {@code --checkpoint "$CKPT"}) would otherwise be read as the current folder. Every subcommand gets the same line,
 * {@code error: --checkpoint: empty path}, whatever the option; a path given by position ({@code diff A B}) is named
 * by its label, {@code error: A: empty path}.
 */
final class PathOptions {
    private PathOptions() {
    }

    /** The execution strategy {@link Main} runs commands with: the check, then picocli's usual one. */
    static int checkThenRun(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            for (OptionSpec o : p.matchedOptions()) {
                if (isPath(o) && o.originalStringValues().stream().anyMatch(String::isEmpty)) {
                    BadInputException e = BadInputException.option(o.longestName() + ": empty path");
                    throw new CommandLine.ExecutionException(p.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
            for (PositionalParamSpec o : p.matchedPositionals()) {
                if (isPath(o) && o.originalStringValues().stream().anyMatch(String::isEmpty)) {
                    BadInputException e = BadInputException.option(o.paramLabel() + ": empty path");
                    throw new CommandLine.ExecutionException(p.commandSpec().commandLine(), e.getMessage(), e);
                }
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static boolean isPath(CommandLine.Model.ArgSpec o) {
        return o.type() == Path.class || Arrays.asList(o.auxiliaryTypes()).contains(Path.class);
    }
}
