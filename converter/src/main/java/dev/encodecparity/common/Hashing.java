package dev.encodecparity.common;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** SHA-256 of input files, for provenance. Large files are hashed from a memory map, in 1 GiB windows. */
public final class Hashing {
    private Hashing() {
    }

    public static String sha256(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long size = ch.size();
            for (long pos = 0; pos < size; pos += 1L << 30) {
                md.update(ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(1L << 30, size - pos)));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException(file, "cannot read for hashing: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts hashing on another thread: on two cores, this runs beside the copy of the tensors. */
    public static CompletableFuture<String> sha256Async(Path file) {
        return CompletableFuture.supplyAsync(() -> sha256(file));
    }

    /** The value of a future started by {@link #sha256Async}, with its error unwrapped. */
    public static String await(CompletableFuture<String> hash) {
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
