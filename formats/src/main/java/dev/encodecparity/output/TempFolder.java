package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private folder in the system's temporary folder for work a run throws away (verify's conversion when no
 * {@code --converted} is given: 89 MB for the 24 kHz model). Removed when closed, and when the JVM exits on SIGINT or
 * SIGTERM; after a SIGKILL its lock is free, and the next run that makes a temporary folder of the same purpose
 * removes it (see {@link Staging}).
 */
public final class TempFolder implements AutoCloseable {
    private final Staging staging;

    private TempFolder(Staging staging) {
        this.staging = staging;
    }

    /** A new empty folder {@code <tmp>/encodec-parity-<purpose>-<uuid>}. */
    public static TempFolder create(String purpose) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String prefix = "encodec-parity-" + purpose + "-";
        Staging.removeLeftovers(tmp, prefix);
        Staging s = Staging.in(tmp, prefix);
        try {
            Files.createDirectory(s.path());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return new TempFolder(s);
    }

    public Path path() {
        return staging.path();
    }

    @Override
    public void close() {
        staging.close();
    }
}
