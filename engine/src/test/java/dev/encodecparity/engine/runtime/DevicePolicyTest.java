package dev.encodecparity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.EnvironmentException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicePolicyTest {
    private static final NativeLibraries.Libtorch CPU_LIB = new NativeLibraries.Libtorch(Path.of("/lib/cpu"),
            "bundled jar pytorch-native-cpu", "2.7.1", "cpu");
    private static final NativeLibraries.Libtorch CUDA_LIB = new NativeLibraries.Libtorch(Path.of("/torch/lib"),
            "PYTORCH_LIBRARY_PATH", "2.11.0", "cu130");

    @TempDir
    Path tmp;

    private NvidiaDriver driver() throws Exception {
        return NvidiaDriver.read(FakeDriver.write(tmp.resolve("nvidia"), "0000:19:00.0"));
    }

    private NvidiaDriver none() {
        return NvidiaDriver.read(tmp.resolve("none"));
    }

    @Test
    void autoTakesTheFirstGpuAndTheCpuWithoutOne() throws Exception {
        assertEquals(new DevicePolicy(0, null), DevicePolicy.choose("auto", 2, driver(), CUDA_LIB));
        assertEquals(new DevicePolicy(-1, null), DevicePolicy.choose("auto", 0, none(), CPU_LIB));
        assertEquals(new DevicePolicy(-1, null), DevicePolicy.choose(null, 0, none(), CPU_LIB));
    }

    @Test
    void autoOnAMachineWithADriverButNoUsableGpuWarnsAndSaysWhy() throws Exception {
        DevicePolicy cpu = DevicePolicy.choose("auto", 0, driver(), CPU_LIB);
        assertEquals(-1, cpu.gpu());
        assertEquals("an NVIDIA driver (580.95.05, 1 GPU) is present but DJL's PyTorch engine sees no GPU: the CPU"
                + " libtorch is loaded (/lib/cpu); point PYTORCH_LIBRARY_PATH at a CUDA libtorch (on a machine with"
                + " pip's torch: site-packages/torch/lib) with a JNI built for it (docs/gpu.md); running on the CPU",
                cpu.warning());
        String cuda = DevicePolicy.choose("auto", 0, driver(), CUDA_LIB).warning();
        assertTrue(cuda.contains("the CUDA libtorch at /torch/lib is loaded, but DJL found no CUDA runtime"), cuda);
    }

    @Test
    void cudaNeverFallsBack() throws Exception {
        EnvironmentException noDriver = assertThrows(EnvironmentException.class,
                () -> DevicePolicy.choose("cuda", 0, none(), CPU_LIB));
        assertEquals("--device cuda: this machine has no NVIDIA driver (" + tmp.resolve("none/version")
                + " is absent); --device cpu runs on the CPU", noDriver.getMessage());
        EnvironmentException cpuLib = assertThrows(EnvironmentException.class,
                () -> DevicePolicy.choose("cuda:0", 0, driver(), CPU_LIB));
        assertTrue(cpuLib.getMessage().startsWith("--device cuda:0: an NVIDIA driver (580.95.05, 1 GPU) is present"
                + " but DJL's PyTorch engine sees no GPU: the CPU libtorch is loaded"), cpuLib.getMessage());
        EnvironmentException beyond = assertThrows(EnvironmentException.class,
                () -> DevicePolicy.choose("cuda:2", 2, driver(), CUDA_LIB));
        assertEquals("--device cuda:2: only 2 GPUs visible (cuda:0 to cuda:1)", beyond.getMessage());
        assertThrows(EnvironmentException.class, () -> DevicePolicy.choose("cuda:99999999999", 1, driver(), CUDA_LIB));
        assertEquals(new DevicePolicy(1, null), DevicePolicy.choose("CUDA:1", 2, driver(), CUDA_LIB));
    }

    @Test
    void cpuIsTheCpuWithoutAWordEvenBesideAGpu() throws Exception {
        DevicePolicy p = DevicePolicy.choose("cpu", 4, driver(), CUDA_LIB);
        assertEquals(-1, p.gpu());
        assertNull(p.warning());
    }

    @Test
    void aNameThatIsNoDeviceIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> DevicePolicy.choose("tpu", 0, none(),
                CPU_LIB));
        assertEquals("--device must be auto, cpu, cuda or cuda:N, not 'tpu'", e.getMessage());
    }
}
