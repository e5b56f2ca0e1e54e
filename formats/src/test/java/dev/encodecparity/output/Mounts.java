package dev.encodecparity.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test mounts (tmpfs), where the test runs as root with the right to mount; callers skip otherwise. */
final class Mounts {
    private Mounts() {
    }

    static boolean tmpfs(Path at) throws InterruptedException {
        return run("mount", "-t", "tmpfs", "-o", "size=4m", "encodec-parity-test", at.toString());
    }

    static boolean isMounted(Path at) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
                .anyMatch(l -> l.split(" ")[1].equals(at.toString()));
    }

    static void unmount(Path at) throws InterruptedException {
        run("umount", at.toString());
    }

    private static boolean run(String... cmd) throws InterruptedException {
        try {
            return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
