package dev.encodecparity.testing;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rule every reader keeps, checked on one input: it either reads the file or throws {@link BadInputException}
 * with a one-line message that names the file; it never throws anything else, never takes longer than
 * {@link #TIME_LIMIT_MS}, and never allocates more than a fixed multiple of the file size (each reader's own factor)
 * plus {@link #ALLOCATION_SLACK} bytes of Java heap.
 *
 * <p>The size is always the file's on disk, never a size the file declares (an entry's inflated size, an array's
 * shape): a reader whose work grows with what the file says rather than with what it holds breaks the rule. The
 * factors: {@link #BINARY_FACTOR} for formats read as they are; {@link #FLAC_FACTOR} for FLAC, whose frames may
 * legitimately describe far more samples than they take bytes; {@link #TEXT_FACTOR} for text parsed into a tree,
 * and for checkpoints, whose pickle's inflated size and work are bounded by the file on disk (checkpoint
 * {@code PickleBudget}, {@code TorchZip}), but which may carry an {@code xp.cfg} as YAML text; {@link #DEFLATE_FACTOR}
 * only for .npz, whose deflated arrays are data the caller asked for (a codes file of silence deflates 1000:1), and
 * whose callers check the declared shapes before reading them where the arrays are then worked on (codes files).
 *
 * <p>Used by the Jazzer fuzz tests (each input the fuzzer makes) and by the fixture tests (each real file in
 * testdata/). A violation is an {@link AssertionError}, which Jazzer reports as a finding and saves as a regression
 * input. Allocation is measured with the JVM's per-thread allocation counter, so it counts every array and object the
 * reader made on this thread, including short-lived ones; native buffers (direct, mapped) are not counted, and no
 * reader makes any whose size depends on the input.
 */
public final class ReaderContract {
    /** Per input; the slowest fixture reads in well under 100 ms. */
    public static final long TIME_LIMIT_MS = 2_000;
    /**
     * Heap per byte of input for .npz, whose members may be deflated: deflate expands at most 1032:1, so a legitimate
     * file may need that much.
     */
    public static final long DEFLATE_FACTOR = 1100;
    /** Heap per byte for binary formats read as they are (safetensors, WAV, .npy). */
    public static final long BINARY_FACTOR = 16;
    /**
     * Heap per byte for FLAC: the densest frame the format allows is 22 bytes (an 8-byte header, eight CONSTANT
     * subframes of 12 bits, the CRC-16) holding 8 channels of 65,535 samples, which are 2 MiB of float32 (silence
     * compresses that well, if not quite that well in real files). The reader allocates the output once, of exactly
     * the size the frames hold (a size STREAMINFO only declares is used only when it is within 16 bytes of floats
     * per byte of file), so the bound is that ratio plus the binary factor for the rest.
     */
    public static final long FLAC_FACTOR = 4L * 8 * 65_535 / 22 + BINARY_FACTOR;
    /**
     * Heap per byte for text parsed into a tree (JSON, YAML; safetensors' JSON header; checkpoints, for their
     * {@code xp.cfg}): every token becomes an object.
     */
    public static final long TEXT_FACTOR = 400;
    /** Fixed heap per read: parsers, buffers, messages. */
    public static final long ALLOCATION_SLACK = 16L << 20;

    /** A reader under test; any exception other than {@link BadInputException} is a finding. */
    @FunctionalInterface
    public interface Reader {
        void read(Path file) throws Exception;
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Path file;
    private final long allocationFactor;

    /**
     * Inputs are written to one scratch file with this name (readers choose the format by extension); the reader may
     * allocate {@code allocationFactor} bytes of heap per byte of input.
     */
    public ReaderContract(String fileName, long allocationFactor) {
        this.allocationFactor = allocationFactor;
        try {
            this.file = Files.createTempDirectory("encodecparity-fuzz").resolve(fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code data} to the scratch file and checks {@code reader} on it. */
    public void check(byte[] data, Reader reader) {
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(file, data.length, allocationFactor, reader);
    }

    /**
     * Checks {@code reader} on an existing file of {@code size} bytes. A read over the time or heap limit is repeated
     * once before it counts: the first read through a code path also loads and initialises its classes (Jackson
     * alone allocates megabytes doing so), which is a cost of the process, not of the input.
     */
    public static void check(Path file, long size, long allocationFactor, Reader reader) {
        String problem = measure(file, size, allocationFactor, reader);
        if (problem != null && measure(file, size, allocationFactor, reader) != null) {
            throw new AssertionError(problem);
        }
    }

    /** Reads once; returns what broke a limit, or null. */
    private static String measure(Path file, long size, long allocationFactor, Reader reader) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        try {
            reader.read(file);
        } catch (BadInputException e) {
            checkMessage(file, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(file + ": the reader threw " + e + " instead of BadInputException", e);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        if (ms > TIME_LIMIT_MS) {
            return "reading " + size + " bytes took " + ms + " ms (limit " + TIME_LIMIT_MS + ")";
        }
        long limit = allocationFactor * size + ALLOCATION_SLACK;
        if (allocated > limit) {
            return "reading " + size + " bytes allocated " + allocated + " bytes of heap (limit " + limit + ")";
        }
        return null;
    }

    private static void checkMessage(Path file, BadInputException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank() || m.indexOf('\n') >= 0 || m.indexOf('\r') >= 0) {
            throw new AssertionError("the message is not one line: " + m, e);
        }
        if (e.file() == null || !m.contains(file.getFileName().toString())) {
            throw new AssertionError("the message does not name the file " + file + ": " + m, e);
        }
        if (m.length() > 2_000) {
            throw new AssertionError("the message is " + m.length() + " characters long: " + m.substring(0, 200), e);
        }
    }
}
