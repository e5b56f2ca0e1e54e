package dev.encodecparity.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's Python (the .venv that scripts/python-env makes from testdata/requirements.txt) for cross-checks
 * against torch and transformers. Tests that need it fail, not skip, when it is missing: CI must run them.
 */
public final class Python {
    private Python() {
    }

    /** What a script printed and how it ended. */
    public record Result(int exitCode, String output) {
        /** The last line of output: the scripts print one JSON line of results there. */
        public String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    public static Path executable() {
        Path python = TestData.repo().resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            fail("the project's Python environment is missing: run scripts/python-env (the README's test command "
                    + "does)");
        }
        return python;
    }

    /** Runs {@code testdata/scripts/<script>} with arguments, from the repository root. */
    public static Result script(String script, Object... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable().toString());
        cmd.add(TestData.path("scripts/" + script).toString());
        for (Object a : args) {
            cmd.add(a.toString());
        }
        try {
            Process p = new ProcessBuilder(cmd).directory(TestData.repo().toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("python " + script + " did not finish in 10 minutes");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
