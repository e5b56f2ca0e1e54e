package dev.encodecparity.convert;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.FileScan;
import dev.encodecparity.common.Hashing;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * An original checkpoint opened once, with the one sequential read of the whole file (its SHA-256 for provenance and
 * every stored entry's CRC) running on a second thread. Conversion, model loading and the report's hash of the input
 * all use this one read: no caller reads the file again to check or hash it.
 *
 * <p>The checkpoint's tensors are not to be trusted until {@link #verify} has compared the CRCs; the conversion does
 * that before it publishes, a reader before it hands the checkpoint on. Owns the open file until closed.
 */
public final class ScannedCheckpoint implements AutoCloseable {
    private final Checkpoint checkpoint;
    private final CompletableFuture<FileScan.Result> scan;
    private boolean verified;

    private ScannedCheckpoint(Checkpoint checkpoint, CompletableFuture<FileScan.Result> scan) {
        this.checkpoint = checkpoint;
        this.scan = scan;
    }

    /** Opens {@code file} with every check but the CRCs, and starts the scan that computes them. */
    public static ScannedCheckpoint open(Path file) {
        Checkpoint c = Checkpoint.openUnverified(file);
        return new ScannedCheckpoint(c, Hashing.scanAsync(file, c.checksums()));
    }

    /** The open checkpoint; its CRCs are checked only once {@link #verify} has returned. */
    public Checkpoint checkpoint() {
        return checkpoint;
    }

    public Path file() {
        return checkpoint.file();
    }

    /**
     * Waits for the scan and checks every stored entry against its CRC (a damaged entry is bad input naming it).
     *
     * @return the checkpoint, now fully checked
     */
    public Checkpoint verify() {
        if (!verified) {
            checkpoint.verifyChecksums(Hashing.await(scan).crcs());
            verified = true;
        }
        return checkpoint;
    }

    /** The SHA-256 of the file's bytes as the scan read them (waits for the scan; checks nothing). */
    public String sha256() {
        return Hashing.await(scan).sha256();
    }

    @Override
    public void close() {
        checkpoint.close();
    }
}
