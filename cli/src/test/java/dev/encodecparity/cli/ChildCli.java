package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command line in a child JVM: for what an in-process run cannot show (signals, kills, its own working folder,
 * its own standard output and temporary folder), and for runs that, were they wrong, must not harm the test JVM's
 * own working folder.
 */
final class ChildCli {
    private ChildCli() {
    }

    /** A child running {@code encodec-parity args...}, with {@code java.io.tmpdir} set when {@code tmpdir} is not
     * null. */
    static ProcessBuilder of(Path tmpdir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dai.djl.offline=true", "-Dencodecparity.home=" + TestData.repo()));
        if (tmpdir != null) {
            cmd.add("-Djava.io.tmpdir=" + tmpdir);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }

    /** Runs a child to its end (at most 3 minutes) and returns its exit code. */
    static int run(ProcessBuilder child) throws IOException, InterruptedException {
        Process p = child.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the child did not end");
        return p.exitValue();
    }

    /** A command on the tiny 24 kHz model and the speech clip, with {@code more} options before them. */
    static String[] tiny(String... commandAndMore) {
        List<String> args = new ArrayList<>(List.of(commandAndMore));
        args.addAll(List.of("--checkpoint", TestData.path("checkpoints/tiny_24khz.th").toString(), "--config",
                TestData.path("configs/tiny_24khz.json").toString(), "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav").toString()));
        return args.toArray(String[]::new);
    }
}
