package dev.encodecparity.cli;

import dev.encodecparity.verify.TraceMode;
import picocli.CommandLine.Option;

/**
 * {@code --trace [all]} of verify and golden check: the module-by-module trace on passing rows too, so a nightly job
 * sees a module's drift grow before anything fails; its values go into the JSON report ({@code traces}) and the page.
 */
final class TraceOption {
    @Option(names = "--trace", arity = "0..1", fallbackValue = "first", paramLabel = "all",
            description = "Trace every module on the first clip even when it passes (one more encode and decode; golden"
                    + " check compares with the trace golden record kept); --trace all: on every clip. The largest"
                    + " difference of each module goes into the report's traces.")
    String trace;

    /** The mode asked for; a value other than "all" is bad input. */
    TraceMode mode() {
        return trace == null ? TraceMode.NONE : TraceMode.of(trace);
    }
}
