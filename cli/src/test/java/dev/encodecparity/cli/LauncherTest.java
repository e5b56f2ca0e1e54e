package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher on a fresh checkout started twice at once (a CI matrix): one builds while the other waits, instead of
 * two Maven builds racing into one target folder (one failed with 362 [ERROR] lines). Run with stand-ins for mvn and
 * java, so the test shows the launcher's own logic in seconds: the stand-in build fails if another one is running.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    @Test
    void twoFirstRunsAtOnceBuildOnceAndBothRun() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        copyLauncher(repo);
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        for (String module : List.of("formats", "conversion", "engine", "verification", "cli")) {
            Files.createDirectories(repo.resolve(module));
        }
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path state = Files.createDirectories(tmp.resolve("state"));
        script(bin.resolve("mvn"), "if ! mkdir \"$FAKE_STATE/running\" 2>/dev/null; then echo '[ERROR] a second build"
                + " ran at the same time'; exit 1; fi",
                "sleep 1", "mkdir -p cli/target", ": > cli/target/classpath.txt", ": > cli/target/cli.jar",
                "echo built >> \"$FAKE_STATE/builds\"",
                "rmdir \"$FAKE_STATE/running\"");
        script(bin.resolve("java"), "echo ran");
        List<Process> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("encodec-parity").toString(), "--version")
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("run" + i + ".log").toFile());
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            pb.environment().put("FAKE_STATE", state.toString());
            pb.environment().put("ENCODEC_PARITY_NO_CDS", "1");
            runs.add(pb.start());
        }
        for (int i = 0; i < 2; i++) {
            assertTrue(runs.get(i).waitFor(1, TimeUnit.MINUTES), "a launcher did not end");
            String log = Files.readString(tmp.resolve("run" + i + ".log"));
            assertEquals(0, runs.get(i).exitValue(), log);
            assertTrue(log.strip().endsWith("ran"), log);
        }
        assertEquals(List.of("built"), Files.readAllLines(state.resolve("builds")), "the build ran more than once");
    }

    /**
     * A build rewrites the modules' jars in place; a command still running from them (a long verify while a developer
     * or a {@code git pull} triggers a rebuild) would find its class path changed under it. Each command runs from a
     * copy of the checkout's jars, one folder per build, which a later build leaves as it was (but for its class-data
     * archive); dependencies outside the checkout stay where they are.
     */
    @Test
    void aRebuildLeavesTheJarsOfACommandStartedBeforeItAsTheyWere() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        copyLauncher(repo);
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path source = Files.createDirectories(repo.resolve("engine/src/main/java")).resolve("A.java");
        Files.writeString(source, "class A {}");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path dependency = Files.writeString(tmp.resolve("dependency.jar"), "dependency");
        // Each build writes its number into both jars, as a real build rewrites them in place.
        script(bin.resolve("mvn"), "n=$(( $(cat \"$FAKE_STATE/n\" 2>/dev/null || echo 0) + 1 ))",
                "echo $n > \"$FAKE_STATE/n\"", "mkdir -p cli/target engine/target",
                "echo \"cli $n\" > cli/target/cli.jar", "echo \"engine $n\" > engine/target/engine-0.1.0.jar",
                "printf '%s' \"$PWD/engine/target/engine-0.1.0.jar:" + dependency + "\" > cli/target/classpath.txt");
        script(bin.resolve("java"), "while [ \"$1\" != -cp ]; do shift; done", "echo \"$2\"");
        Path state = Files.createDirectories(tmp.resolve("state"));
        Map<String, String> env = Map.of("FAKE_STATE", state.toString());

        List<Path> first = classPath(launch(repo, bin, env, "verify"));
        Path firstArchive = Files.writeString(first.get(0).resolveSibling("encodec-parity.jsa"), "archive 1");
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000)); // an edit
        List<Path> second = classPath(launch(repo, bin, env, "verify"));
        // An older copy's class-data archive (15 MB) goes with the new copy; its jars stay for a running command.
        assertFalse(Files.exists(firstArchive), "the first copy's archive was kept");

        assertEquals("2", Files.readString(state.resolve("n")).strip(), "the edit did not cause a rebuild");
        assertEquals(List.of("cli 1", "engine 1", "dependency"), contents(first), "the first command's jars changed");
        assertEquals(List.of("cli 2", "engine 2", "dependency"), contents(second));
        Path copies = repo.resolve("cli/target/run");
        for (List<Path> classPath : List.of(first, second)) {
            assertTrue(classPath.get(0).startsWith(copies) && classPath.get(1).startsWith(copies), "" + classPath);
            assertEquals(dependency, classPath.get(2));
        }
        assertNotEquals(first.get(0).getParent(), second.get(0).getParent());
        Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() - 60_000)); // built since
        assertEquals(second, classPath(launch(repo, bin, env, "verify")), "an unchanged build was copied again");
        assertEquals("2", Files.readString(state.resolve("n")).strip());
    }

    private static List<Path> classPath(String line) {
        return Arrays.stream(line.split(":")).map(Path::of).toList();
    }

    private static List<String> contents(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Files.readString(f).strip());
        }
        return out;
    }

    /**
     * TF32 is turned off before the JVM starts (the CUDA libraries read the variable once, when they load), and a
     * deterministic cuBLAS workspace is set, unless the command says {@code --allow-tf32}; a workspace the user set
     * is kept.
     */
    @Test
    void numericsAreSetBeforeTheJvmUnlessTheCommandAllowsTf32() throws Exception {
        Path repo = tmp.resolve("repo");
        Path bin = fakeCheckout(repo, "echo \"tf32=${NVIDIA_TF32_OVERRIDE-unset} workspace=$CUBLAS_WORKSPACE_CONFIG\"");
        assertEquals("tf32=0 workspace=:4096:8", launch(repo, bin, Map.of(), "verify", "--device", "cuda"));
        assertEquals("tf32=unset workspace=:4096:8", launch(repo, bin, Map.of("NVIDIA_TF32_OVERRIDE", "0"),
                "verify", "--allow-tf32"));
        assertEquals("tf32=0 workspace=:16:8", launch(repo, bin, Map.of("NVIDIA_TF32_OVERRIDE", "1",
                "CUBLAS_WORKSPACE_CONFIG", ":16:8"), "demo"));
    }

    /** oneDNN's kernel cache is bounded before the JVM starts (docs: benchmarks/README.md); a user's value is kept. */
    @Test
    void oneDnnsKernelCacheIsBoundedUnlessTheUserSaysOtherwise() throws Exception {
        Path repo = tmp.resolve("repo");
        Path bin = fakeCheckout(repo, "echo \"cache=${ONEDNN_PRIMITIVE_CACHE_CAPACITY-unset}\"");
        assertEquals("cache=128", launch(repo, bin, Map.of(), "verify"));
        assertEquals("cache=1024", launch(repo, bin, Map.of("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "1024"), "verify"));
    }

    private static String launch(Path repo, Path bin, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", repo.resolve("encodec-parity").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("NVIDIA_TF32_OVERRIDE");
        pb.environment().remove("CUBLAS_WORKSPACE_CONFIG");
        pb.environment().remove("ONEDNN_PRIMITIVE_CACHE_CAPACITY");
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("ENCODEC_PARITY_NO_CDS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the launcher did not end");
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1];
    }

    /**
     * The launcher in {@code repo}, with a fake {@code mvn} that builds nothing and a fake {@code java} that runs
     * {@code javaLine} (what the JVM would be started with); returns the folder of the two, for {@link #launch}.
     */
    private Path fakeCheckout(Path repo, String javaLine) throws IOException {
        Files.createDirectories(repo);
        copyLauncher(repo);
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin.resolve("mvn"), "mkdir -p cli/target", ": > cli/target/classpath.txt", ": > cli/target/cli.jar");
        script(bin.resolve("java"), javaLine);
        return bin;
    }

    /** The launcher and the environment file it sources, at their places in a checkout. */
    private static void copyLauncher(Path repo) throws IOException {
        Files.copy(TestData.repo().resolve("encodec-parity"), repo.resolve("encodec-parity"));
        Path env = Path.of("scripts", "launcher", "environment.sh");
        Files.createDirectories(repo.resolve(env).getParent());
        Files.copy(TestData.repo().resolve(env), repo.resolve(env));
    }

    private static void script(Path file, String... lines) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
