package dev.encodecparity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's rules for finding libtorch and its JNI, worked out before loading, on folders laid out as pip's torch and
 * DJL's cache lay them out. The bundled jars (pytorch-native-cpu 2.7.1, pytorch-jni 2.7.1-0.36.0) are on this
 * module's test class path, as they are on the product's.
 */
class NativeLibrariesTest {
    @TempDir
    Path tmp;

    private final Map<String, String> env = new HashMap<>();
    private Path pipLib;

    @BeforeEach
    void pipTorch() throws Exception {
        // site-packages/torch/{version.py, lib/libtorch.so}: what `pip install torch==2.13.0+cpu` lays out
        Path torch = Files.createDirectories(tmp.resolve("site-packages/torch"));
        Files.writeString(torch.resolve("version.py"), "from typing import Optional\n__version__ = '2.13.0+cpu'\n"
                + "debug = False\ncuda: Optional[str] = None\n");
        pipLib = Files.createDirectories(torch.resolve("lib"));
        Files.writeString(pipLib.resolve("libtorch.so"), "");
        Files.writeString(pipLib.resolve("libtorch_cpu.so"), "");
        env.put("ENGINE_CACHE_DIR", tmp.resolve("cache").toString());
    }

    private NativeLibraries predict() {
        return NativeLibraries.predict(env::get, getClass().getClassLoader());
    }

    @Test
    void withNothingSetTheBundledLibtorchAndJniFit() {
        env.clear();
        env.put("ENGINE_CACHE_DIR", tmp.resolve("cache").toString());
        NativeLibraries n = predict();
        assertEquals(List.of(), n.problems());
        assertEquals(new NativeLibraries.Libtorch(tmp.resolve("cache/pytorch/2.7.1-20250812-cpu-linux-x86_64"),
                "bundled jar pytorch-native-cpu", "2.7.1", "cpu"), n.libtorch());
        assertEquals("bundled jar pytorch-jni", n.jni().source());
        assertEquals("2.7.1", n.jni().builtFor());
    }

    @Test
    void pipsTorchWithoutItsOwnJniIsExplainedNotLoaded() {
        env.put("PYTORCH_LIBRARY_PATH", pipLib.toString());
        NativeLibraries n = predict();
        assertEquals(new NativeLibraries.Libtorch(pipLib, "PYTORCH_LIBRARY_PATH", "2.13.0", "cpu"), n.libtorch());
        assertEquals("libtorch 2.13.0 found, the JNI is built for 2.7.1: set PYTORCH_VERSION=2.13.0 and"
                + " PYTORCH_FLAVOR=cpu and place a JNI built for libtorch 2.13.0 at "
                + tmp.resolve("cache/pytorch/2.13.0-cpu-linux-x86_64/0.36.0-libdjl_torch.so") + " (docs/gpu.md)",
                n.problems().get(0));
    }

    @Test
    void theVersionSetButNoJniPlacedIsExplained() {
        env.put("PYTORCH_LIBRARY_PATH", pipLib.toString());
        env.put("PYTORCH_VERSION", "2.13.0");
        env.put("PYTORCH_FLAVOR", "cpu");
        NativeLibraries n = predict();
        assertEquals(List.of("no JNI for libtorch 2.13.0 (cpu): DJL would download one, which fails offline; place a"
                + " JNI built for libtorch 2.13.0 at "
                + tmp.resolve("cache/pytorch/2.13.0-cpu-linux-x86_64/0.36.0-libdjl_torch.so") + " (docs/gpu.md)"),
                n.problems());
    }

    @Test
    void theVersionAsPythonPrintsItIsRefusedWithTheSpellingDjlTakes() {
        env.put("PYTORCH_LIBRARY_PATH", pipLib.toString());
        env.put("PYTORCH_VERSION", "2.13.0+cpu");
        assertEquals("PYTORCH_VERSION=2.13.0+cpu: DJL takes the release number alone; set PYTORCH_VERSION=2.13.0",
                predict().problems().get(0));
    }

    @Test
    void aJniPlacedInTheCacheForThatVersionFits() throws Exception {
        env.put("PYTORCH_LIBRARY_PATH", pipLib.toString());
        env.put("PYTORCH_VERSION", "2.13.0");
        env.put("PYTORCH_FLAVOR", "cpu");
        Path jni = tmp.resolve("cache/pytorch/2.13.0-cpu-linux-x86_64/0.36.0-libdjl_torch.so");
        Files.createDirectories(jni.getParent());
        Files.writeString(jni, "");
        NativeLibraries n = predict();
        assertEquals(List.of(), n.problems());
        assertEquals(new NativeLibraries.Jni(jni, true, "2.13.0", "DJL's cache"), n.jni());
    }

    @Test
    void aJniBesideLibtorchIsTakenFirstAndTrusted() throws Exception {
        env.put("PYTORCH_LIBRARY_PATH", pipLib.toString());
        Files.writeString(pipLib.resolve("libdjl_torch.so"), "");
        NativeLibraries n = predict();
        assertEquals(List.of(), n.problems());
        assertEquals(new NativeLibraries.Jni(pipLib.resolve("libdjl_torch.so"), true, null, "beside libtorch"),
                n.jni());
    }

    @Test
    void aLibraryPathWithoutLibtorchIsSaidNotSilentlyIgnored() {
        env.put("PYTORCH_LIBRARY_PATH", tmp.toString());
        NativeLibraries n = predict();
        assertTrue(n.problems().get(0).startsWith("PYTORCH_LIBRARY_PATH=" + tmp + " holds no libtorch.so: DJL"
                + " ignores it and takes the bundled libtorch"), n.problems().toString());
        assertEquals("bundled jar pytorch-native-cpu", n.libtorch().foundBy());
    }

    @Test
    void theFileNamedLibtorchSoCountsAsItsFolder() {
        env.put("PYTORCH_LIBRARY_PATH", "/nowhere:" + pipLib.resolve("libtorch.so"));
        assertEquals(pipLib, predict().libtorch().folder());
    }

    @Test
    void versionsAndFlavoursAreReadFromWhatTravelsWithLibtorch() throws Exception {
        Path archive = Files.createDirectories(tmp.resolve("libtorch/lib"));
        Files.writeString(tmp.resolve("libtorch/build-version"), "2.7.1+cu128\n");
        Files.writeString(archive.resolve("libtorch_cuda.so"), "");
        assertArrayEquals(new String[] {"2.7.1", "cu128"}, NativeLibraries.versionOf(archive));
        Path cache = Files.createDirectories(tmp.resolve("x/2.7.1-20250812-cpu-linux-x86_64"));
        assertArrayEquals(new String[] {"2.7.1", "cpu"}, NativeLibraries.versionOf(cache));
        Path pipCuda = Files.createDirectories(tmp.resolve("cu/torch/lib"));
        Files.writeString(tmp.resolve("cu/torch/version.py"), "__version__ = '2.11.0+cu130'\ncuda: Optional[str] ="
                + " '13.0'\n");
        assertArrayEquals(new String[] {"2.11.0", "cu130"}, NativeLibraries.versionOf(pipCuda));
        Path bare = Files.createDirectories(tmp.resolve("bare/lib"));
        Files.writeString(bare.resolve("libtorch_cuda.so"), "");
        assertArrayEquals(new String[] {null, "cuda"}, NativeLibraries.versionOf(bare));
        assertNull(NativeLibraries.versionOf(Files.createDirectories(tmp.resolve("empty")))[0]);
    }
}
