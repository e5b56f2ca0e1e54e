package dev.encodecparity.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a command in a process that file permissions apply to. Tests run as root in CI, where {@code chmod 000} stops
 * no read: root's capabilities {@code CAP_DAC_OVERRIDE} and {@code CAP_DAC_READ_SEARCH} override the mode bits. Under
 * root the command runs without those two ({@code setpriv --bounding-set}), still as root: the JDK, the Maven
 * repository and DJL's libtorch cache (all under {@code /root}) stay readable, and a file the test made with mode 000
 * is refused as it would be to any user. As another user, the command runs as it is.
 *
 * <p>{@link #prefix} checks that it works (a mode-000 file must be unreadable to {@code cat} under it) and otherwise
 * skips the test, printing why; a test that needs it can never pass by accident.
 */
public final class Unprivileged {
    private static String unavailable;
    private static List<String> prefix;

    private Unprivileged() {
    }

    /** What to put before a command so that file permissions apply to it; skips the calling test if nothing can. */
    public static synchronized List<String> prefix() {
        if (prefix == null && unavailable == null) {
            find();
        }
        if (unavailable != null) {
            System.out.println("skipped: " + unavailable);
            Assumptions.assumeTrue(false, unavailable);
        }
        return prefix;
    }

    private static void find() {
        try {
            int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            List<String> candidate = uid == 0 ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search",
                    "--inh-caps=-all") : List.of();
            Path probe = Files.createTempFile("encodecparity-unreadable", ".bin");
            try {
                Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("---------"));
                if (exitCode(candidate, "true") != 0) {
                    unavailable = "cannot drop root's file-permission override here (setpriv missing or not allowed),"
                            + " so unreadable files cannot be tested";
                } else if (exitCode(candidate, "cat", probe.toString()) == 0) {
                    unavailable = "a mode-000 file is still readable with " + String.join(" ", candidate)
                            + ", so unreadable files cannot be tested";
                } else {
                    prefix = candidate;
                }
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | RuntimeException e) {
            unavailable = "cannot tell whether file permissions apply here: " + e;
        }
    }

    private static int exitCode(List<String> prefix, String... command) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}
