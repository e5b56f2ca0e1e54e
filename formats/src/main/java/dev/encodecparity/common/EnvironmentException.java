package dev.encodecparity.common;

/**
 * The machine cannot run the command as asked, whatever the input: the requested device is not usable, the native
 * library does not fit DJL's JNI, TF32 is not turned off on a GPU, or the memory a clip needs is not available. The
 * command line prints its message as one line and exits with 3, so a nightly job tells a broken machine from a
 * failed check (1) and from bad input (2). The message says what to do.
 */
public class EnvironmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
