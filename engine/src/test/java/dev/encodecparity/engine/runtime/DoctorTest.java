package dev.encodecparity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor on this (CPU) machine, with and without a driver faked the way the kernel shows one. */
class DoctorTest {
    private static final Map<String, String> LAUNCHER = Map.of("NVIDIA_TF32_OVERRIDE", "0",
            "CUBLAS_WORKSPACE_CONFIG", ":4096:8", "MALLOC_ARENA_MAX", "1");

    @TempDir
    Path tmp;

    private static Doctor.Check check(Doctor.Report r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCpuMachineIsReadyForAutoAndCpuAndNotForCuda() {
        NvidiaDriver none = NvidiaDriver.read(tmp.resolve("none"));
        Doctor.Report auto = Doctor.run("auto", LAUNCHER, none);
        assertTrue(auto.ready());
        assertEquals("cpu", auto.device());
        assertEquals(List.of("engine", "libtorch", "jni", "load", "driver", "gpus", "cuda", "threads", "numerics",
                "allocator", "device"), auto.checks().stream().map(Doctor.Check::name).toList());
        assertTrue(auto.checks().stream().noneMatch(c -> c.status() == Doctor.Status.FAIL
                || c.status() == Doctor.Status.WARN), auto.checks().toString());
        assertTrue(check(auto, "libtorch").value().startsWith("2.7.1 cpu at "), check(auto, "libtorch").value());
        assertEquals("MALLOC_ARENA_MAX=1", check(auto, "allocator").value());
        assertTrue(Doctor.run("cpu", LAUNCHER, none).ready());

        Doctor.Report cuda = Doctor.run("cuda", LAUNCHER, none);
        assertFalse(cuda.ready());
        assertNull(cuda.device());
        assertEquals(Doctor.Status.FAIL, check(cuda, "device").status());
        assertTrue(check(cuda, "device").value().contains("this machine has no NVIDIA driver"));
    }

    @Test
    void aDriverBesideTheCpuLibtorchIsDiagnosed() throws Exception {
        NvidiaDriver driver = NvidiaDriver.read(FakeDriver.write(tmp.resolve("nvidia"), "0000:19:00.0"));
        Doctor.Report auto = Doctor.run("auto", LAUNCHER, driver);
        assertTrue(auto.ready(), "auto still runs, on the CPU");
        assertEquals("NVIDIA 580.95.05, 1 GPU: [0000:19:00.0 NVIDIA H100 80GB HBM3]", check(auto, "driver").value());
        Doctor.Check gpus = check(auto, "gpus");
        assertEquals(Doctor.Status.WARN, gpus.status());
        assertTrue(gpus.advice().contains("is present but DJL's PyTorch engine sees no GPU: the CPU libtorch is"
                + " loaded"), gpus.advice());
        assertEquals(Doctor.Status.WARN, check(auto, "device").status());
        assertFalse(Doctor.run("cuda:0", LAUNCHER, driver).ready());
    }

    @Test
    void onAGpuMachineTf32NotTurnedOffIsAWarningWithTheFix() throws Exception {
        NvidiaDriver driver = NvidiaDriver.read(FakeDriver.write(tmp.resolve("nvidia"), "0000:19:00.0"));
        Doctor.Check n = check(Doctor.run("auto", Map.of(), driver), "numerics");
        assertEquals(Doctor.Status.WARN, n.status());
        assertEquals("TF32 allowed (NVIDIA_TF32_OVERRIDE unset), cuDNN benchmark off, CUBLAS_WORKSPACE_CONFIG unset",
                n.value());
        assertTrue(n.advice().contains("run through the launcher (it sets NVIDIA_TF32_OVERRIDE=0)"), n.advice());
        assertEquals(Doctor.Status.OK, check(Doctor.run("auto", LAUNCHER, driver), "numerics").status());
    }

    @Test
    void aJniThatDoesNotFitFailsBeforeAnythingIsLoaded() throws Exception {
        Path torch = java.nio.file.Files.createDirectories(tmp.resolve("torch/lib"));
        java.nio.file.Files.writeString(tmp.resolve("torch/version.py"), "__version__ = '2.13.0+cpu'\n");
        java.nio.file.Files.writeString(torch.resolve("libtorch.so"), "not a library");
        Map<String, String> env = Map.of("PYTORCH_LIBRARY_PATH", torch.toString(), "ENGINE_CACHE_DIR",
                tmp.resolve("cache").toString());
        Doctor.Report r = Doctor.run("auto", env, NvidiaDriver.read(tmp.resolve("none")));
        assertFalse(r.ready());
        Doctor.Check lib = check(r, "libtorch");
        assertEquals(Doctor.Status.FAIL, lib.status());
        assertTrue(lib.advice().startsWith("libtorch 2.13.0 found, the JNI is built for 2.7.1"), lib.advice());
        assertTrue(r.checks().stream().noneMatch(c -> c.name().equals("load")), "nothing was loaded");
    }
}
