package dev.encodecparity.cli;

/** The exit codes every subcommand uses; users' scripts depend on them. */
public final class ExitCode {
    /** Everything checked out. */
    public static final int OK = 0;
    /** The tool ran and a check failed (codes differ, audio out of tolerance, goldens changed, two models differ). */
    public static final int CHECK_FAILED = 1;
    /** Bad input or an error: nothing was checked. */
    public static final int ERROR = 2;
    /**
     * The environment cannot run the command: out of memory (Java heap or libtorch's allocations), a clip or codes
     * file whose estimated memory does not fit in what the machine has available, a requested device that cannot be
     * used ({@code --device cuda} without a usable GPU), a libtorch and JNI that do not fit, or TF32 not turned off
     * on a GPU. Nothing was checked; the same command may succeed on another machine or set up differently.
     */
    public static final int ENVIRONMENT = 3;
    /** A bug in the tool: an error it did not expect, printed with its stack trace; please report it. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
