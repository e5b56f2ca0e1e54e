package dev.encodecparity.common;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** SHA-256 of input files, for provenance (see {@link FileScan} for how the file is read). */
public final class Hashing {
    private Hashing() {
    }

    public static String sha256(Path file) {
        return FileScan.scan(file, List.of()).sha256();
    }

    /** Of bytes already read (a small input read whole, hashed as it was read rather than read a second time). */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Starts a scan on another thread: on two cores, it runs beside the copy of the tensors. */
    public static CompletableFuture<FileScan.Result> scanAsync(Path file, List<FileScan.Range> ranges) {
        return CompletableFuture.supplyAsync(() -> FileScan.scan(file, ranges));
    }

    /** The value of a future started by {@link #scanAsync}, with its error unwrapped. */
    public static <T> T await(CompletableFuture<T> hash) {
        try {
            return hash.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
