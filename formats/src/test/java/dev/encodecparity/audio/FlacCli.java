package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference FLAC encoder and decoder, the {@code flac} command of Debian's package {@code flac} (libFLAC), which
 * {@code scripts/system-packages} installs. Tests that need it fail, not skip, when it is missing: CI must run them.
 */
final class FlacCli {
    private FlacCli() {
    }

    /** Encodes a WAV with the given options ("--best", "--lax", ...). */
    static Path encode(Path wav, Path flac, String... options) {
        List<String> args = new ArrayList<>(List.of("-s", "-f"));
        args.addAll(List.of(options));
        args.addAll(List.of("-o", flac.toString(), wav.toString()));
        run(args);
        return flac;
    }

    /** Decodes a FLAC to a WAV with the reference decoder, which checks the CRCs and the MD5 itself. */
    static Path decode(Path flac, Path wav) {
        run(List.of("-s", "-f", "-d", "-o", wav.toString(), flac.toString()));
        return wav;
    }

    private static void run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("flac");
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " did not finish in 5 minutes");
            }
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("error=2")) {
                fail("the flac command is missing: run scripts/system-packages (scripts/test does)");
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
