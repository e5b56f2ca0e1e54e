package dev.encodecparity.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.provenance.Numerics;
import dev.encodecparity.provenance.OutputProvenance;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** golden check says when goldens were recorded under other numerics settings than it checks under, on a GPU. */
class NumericsNoteTest {
    private static final Numerics OFF = new Numerics("off", "0", false, ":4096:8");
    private static final Numerics TF32 = new Numerics("allowed", null, false, ":4096:8");

    private static OutputProvenance.Engine on(String device, Numerics n) {
        return new OutputProvenance.Engine(device, null, "2.11.0", "0.36.0", 16, "Xeon", n, null);
    }

    @Test
    void aGpuRecordingWithTf32OffCheckedWithTf32AllowedIsNoted() {
        Optional<String> note = GoldenCheck.numericsNote(on("cuda:0", OFF), on("cuda:0", TF32));
        assertEquals("recorded under other numerics settings: TF32 off (NVIDIA_TF32_OVERRIDE=0), cuDNN benchmark off,"
                + " CUBLAS_WORKSPACE_CONFIG=:4096:8; checking under TF32 allowed (NVIDIA_TF32_OVERRIDE unset), cuDNN"
                + " benchmark off, CUBLAS_WORKSPACE_CONFIG=:4096:8: TF32 alone can change codes and audio beyond the"
                + " tolerances", note.orElseThrow());
    }

    @Test
    void goldensRecordedBeforeNumericsWereRecordedAreNotedOnAGpu() {
        assertTrue(GoldenCheck.numericsNote(on("cpu", null), on("cuda:0", OFF)).orElseThrow()
                .startsWith("recorded under other numerics settings: not recorded; checking under TF32 off"));
    }

    @Test
    void theSameSettingsOrTheCpuOnBothSidesAreNotNoted() {
        assertEquals(Optional.empty(), GoldenCheck.numericsNote(on("cuda:0", OFF), on("cuda:1", OFF)));
        assertEquals(Optional.empty(), GoldenCheck.numericsNote(on("cpu", TF32), on("cpu", OFF)));
        assertEquals(Optional.empty(), GoldenCheck.numericsNote(on("cpu", null), on("cpu", OFF)));
    }
}
