package dev.encodecparity.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline bundle as an offline machine meets it: {@code scripts/bundle} from the jars this build made, unpacked
 * into an empty folder, run with an empty HOME, a PATH holding only bash, dirname and readlink (no Maven, no Java),
 * and no network (its own network namespace, where the machine allows one). {@code doctor} and {@code demo} must
 * pass with the bundled libtorch; the variant without libtorch must fit in 64 MiB, explain that it needs one, and run
 * the demo on a libtorch given by {@code PYTORCH_LIBRARY_PATH}.
 */
class BundleTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path tmp;

    private static Path full;
    private static Path bare;
    private static Path home;
    private static Path bin;

    @BeforeAll
    static void makeAndUnpackBoth() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        run(List.of("bash", TestData.repo().resolve("scripts/bundle").toString(), "--no-build", "--out",
                out.toString()), Map.of(), 600);
        run(List.of("bash", TestData.repo().resolve("scripts/bundle").toString(), "--no-build", "--no-libtorch",
                "--out", out.toString()), Map.of(), 600);
        full = unpack(out, "encodec-parity-0.1.0-linux-x86_64");
        bare = unpack(out, "encodec-parity-0.1.0-linux-x86_64-no-libtorch");
        home = Files.createDirectories(tmp.resolve("home"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
    }

    private static Path unpack(Path out, String name) throws Exception {
        Path into = Files.createDirectories(tmp.resolve("unpacked-" + name));
        run(List.of("tar", "-xzf", out.resolve(name + ".tar.gz").toString(), "-C", into.toString()), Map.of(), 300);
        return into.resolve(name);
    }

    @Test
    void theBundleWithoutLibtorchTravelsIn64MiB() throws IOException {
        long size = Files.size(tmp.resolve("out/encodec-parity-0.1.0-linux-x86_64-no-libtorch.tar.gz"));
        System.out.printf("bundle sizes: %.1f MiB without libtorch, %.1f MiB with%n", size / (double) MIB,
                Files.size(tmp.resolve("out/encodec-parity-0.1.0-linux-x86_64.tar.gz")) / (double) MIB);
        assertTrue(size < 64 * MIB, size + " bytes");
    }

    @Test
    void doctorAndDemoRunOfflineWithTheBundledLibtorch() throws Exception {
        Result doctor = offline(full, Map.of(), "doctor");
        assertEquals(0, doctor.exit(), doctor.output());
        assertTrue(doctor.output().contains("ok    libtorch   2.7.1 cpu at " + full.resolve("libtorch/lib")
                + " (found by PYTORCH_LIBRARY_PATH)"), doctor.output());
        assertTrue(doctor.output().contains("ready: --device auto runs on cpu"), doctor.output());
        Result demo = offline(full, Map.of(), "demo", "--threads", "1");
        assertEquals(0, demo.exit(), demo.output());
        assertTrue(demo.output().contains("demo: 3 of 3 conversions verified (same codes, same audio)"),
                demo.output());
        assertEmptyHome();
    }

    @Test
    void withoutLibtorchDoctorSaysWhatIsMissingAndALibtorchGivenRunsTheDemo() throws Exception {
        Result doctor = offline(bare, Map.of(), "doctor");
        assertEquals(3, doctor.exit(), doctor.output());
        assertTrue(doctor.output().contains("no libtorch: PYTORCH_LIBRARY_PATH is unset and none travels with this"
                + " program"), doctor.output());
        Result demo = offline(bare, Map.of("PYTORCH_LIBRARY_PATH", full.resolve("libtorch/lib").toString()), "demo",
                "--threads", "1");
        assertEquals(0, demo.exit(), demo.output());
        assertTrue(demo.output().contains("demo: 3 of 3 conversions verified"), demo.output());
        assertEmptyHome();
    }

    private static void assertEmptyHome() throws IOException {
        try (Stream<Path> s = Files.list(home)) {
            assertEquals(List.of(), s.toList(), "the bundle wrote into HOME");
        }
    }

    record Result(int exit, String output) {
    }

    /** The bundle's launcher with an empty HOME, a PATH of three tools, and no network where that can be had. */
    private static Result offline(Path bundle, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (canUnshareNetwork()) {
            cmd.addAll(List.of(which("unshare"), "-n"));
        }
        cmd.add(bundle.resolve("bin/encodec-parity").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", bin.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the bundle did not end");
        return new Result(p.exitValue(), out);
    }

    private static Boolean unshare;

    /** Whether this machine lets a process have a network namespace of its own (root in a container usually can). */
    private static boolean canUnshareNetwork() throws Exception {
        if (unshare == null) {
            Process p = new ProcessBuilder(which("unshare"), "-n", "true").redirectErrorStream(true).start();
            unshare = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (!unshare) {
                System.out.println("BundleTest: no network namespace here; runs offline by DJL's setting only");
            }
        }
        return unshare;
    }

    private static String which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return dir + "/" + tool;
            }
        }
        throw new IllegalStateException(tool + " is not installed");
    }

    private static void run(List<String> cmd, Map<String, String> env, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), String.join(" ", cmd) + " did not end");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        System.out.print(out);
    }
}
