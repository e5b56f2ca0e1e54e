package dev.encodecparity.engine;

import ai.djl.engine.EngineException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a failed memory allocation among a failure's causes, Java's ({@link OutOfMemoryError}) or libtorch's
 * (an {@link EngineException} from its CPU allocator or from CUDA), and says it in one line: what could not be
 * allocated, the limit it hit, and what to do. Out of memory is not a failed check and not bad input: the command
 * line reports it with its own exit code.
 */
public final class OutOfMemory {
    /** libtorch's CPU allocator: "DefaultCPUAllocator: can't allocate memory: you tried to allocate N bytes". */
    private static final Pattern CPU = Pattern.compile("can't allocate memory: you tried to allocate (\\d+) bytes");
    /** CUDA's caching allocator: "CUDA out of memory. Tried to allocate 2.00 GiB". */
    private static final Pattern CUDA = Pattern.compile("CUDA out of memory\\. Tried to allocate ([0-9.]+ [KMGT]?i?B)");

    private OutOfMemory() {
    }

    /** The one-line description (without "error: ") of the allocation failure in {@code t}'s causes, if one is. */
    public static Optional<String> describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError e) {
                return Optional.of(java(e));
            }
            if (c instanceof EngineException e && e.getMessage() != null) {
                Optional<String> libtorchMessage = libtorch(e.getMessage());
                if (libtorchMessage.isPresent()) {
                    return libtorchMessage;
                }
            }
        }
        return Optional.empty();
    }

    private static String java(OutOfMemoryError e) {
        long limitMb = Runtime.getRuntime().maxMemory() >> 20;
        String what = e.getMessage() == null ? "Java heap space" : firstLine(e.getMessage());
        return "out of memory: " + what + " (Java heap limit " + limitMb + " MB; give the JVM more with"
                + " ENCODEC_PARITY_JAVA_OPTS=-Xmx<size>, for example -Xmx8g, or use a shorter input)";
    }

    private static Optional<String> libtorch(String message) {
        Matcher cpu = CPU.matcher(message);
        if (cpu.find()) {
            long bytes = Long.parseLong(cpu.group(1));
            return Optional.of("out of memory: libtorch could not allocate " + MemoryEstimate.format(bytes) + " ("
                    + bytes + " bytes)" + available(bytes) + "; use a shorter clip or a machine with more memory");
        }
        Matcher cuda = CUDA.matcher(message);
        if (cuda.find()) {
            return Optional.of("out of memory on the GPU: libtorch could not allocate " + cuda.group(1)
                    + "; use a shorter clip, --device cpu, or a GPU with more memory");
        }
        if (message.contains("out of memory") || message.contains("can't allocate memory")) {
            return Optional.of("out of memory: libtorch: " + firstLine(message));
        }
        if (message.contains("std::bad_alloc")) {
            // C++'s own refusal, from code that allocates outside libtorch's allocator (oneDNN setting up a
            // convolution), which says no size.
            return Optional.of("out of memory: libtorch could not allocate memory (" + firstLine(message) + ")"
                    + available(-1) + "; use a shorter clip or a machine with more memory");
        }
        return Optional.empty();
    }

    /**
     * What the machine has; when that was enough, the refusal came from a limit on this process. {@code requested}
     * is negative when the size is not known.
     */
    private static String available(long requested) {
        if (AvailableMemory.bytes().isEmpty()) {
            return "";
        }
        long available = AvailableMemory.bytes().getAsLong();
        return "; " + MemoryEstimate.format(available) + " available (" + AvailableMemory.source() + ")"
                + (requested >= 0 && available > requested
                        ? ", so a limit on this process (ulimit -v, a container) is lower" : "");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
