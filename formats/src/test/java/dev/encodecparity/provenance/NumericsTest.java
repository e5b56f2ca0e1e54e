package dev.encodecparity.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NumericsTest {
    private static final Map<String, String> LAUNCHER = Map.of("NVIDIA_TF32_OVERRIDE", "0",
            "CUBLAS_WORKSPACE_CONFIG", ":4096:8");

    @Test
    void theLaunchersSettingsAreTf32OffAndDeterministicCublas() {
        Numerics n = Numerics.of(LAUNCHER, true);
        assertEquals(new Numerics("off", "0", false, ":4096:8"), n);
        assertTrue(n.tf32Off());
        assertTrue(n.deterministicCublas());
        assertEquals("TF32 off (NVIDIA_TF32_OVERRIDE=0), cuDNN benchmark off, CUBLAS_WORKSPACE_CONFIG=:4096:8",
                n.summary());
    }

    @Test
    void withoutTheOverrideTf32IsAllowedOnAGpu() {
        Numerics n = Numerics.of(Map.of(), true);
        assertEquals(new Numerics("allowed", null, false, null), n);
        assertFalse(n.tf32Off());
        assertEquals("TF32 allowed (NVIDIA_TF32_OVERRIDE unset), cuDNN benchmark off, CUBLAS_WORKSPACE_CONFIG unset",
                n.summary());
        // any value but 0 leaves the CUDA libraries at their default
        assertEquals("allowed", Numerics.of(Map.of("NVIDIA_TF32_OVERRIDE", "1"), true).tf32());
    }

    @Test
    void onTheCpuTf32IsNotUsedWhateverTheEnvironment() {
        assertEquals("not used (cpu)", Numerics.of(LAUNCHER, false).tf32());
        assertEquals("not used (cpu)", Numerics.of(Map.of(), false).tf32());
    }

    @Test
    void sameAsComparesWhatChangesResultsNotTheWording() {
        Numerics gpu = Numerics.of(LAUNCHER, true);
        assertTrue(gpu.sameAs(Numerics.of(LAUNCHER, false)));
        assertFalse(gpu.sameAs(Numerics.of(Map.of("CUBLAS_WORKSPACE_CONFIG", ":4096:8"), true)));
        assertFalse(gpu.sameAs(Numerics.of(Map.of("NVIDIA_TF32_OVERRIDE", "0"), true)));
        assertFalse(gpu.sameAs(null));
    }
}
