package dev.encodecparity.engine;

/**
 * A command refused before its work because the memory it would need does not fit in what the machine has available
 * ({@link MemoryEstimate}); the message is one line naming the input, its duration, the estimate and what is
 * available. Not bad input: the same input may run on a larger machine.
 */
public final class InsufficientMemoryException extends dev.encodecparity.common.EnvironmentException {
    private static final long serialVersionUID = 1L;

    public InsufficientMemoryException(String message) {
        super(message);
    }
}
