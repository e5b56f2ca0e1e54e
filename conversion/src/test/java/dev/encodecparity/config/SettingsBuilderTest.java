package dev.encodecparity.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.spec.Family;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named construction of the settings records: every field by name, and nothing left silently zero. */
class SettingsBuilderTest {
    @Test
    void aPresetRebuiltByNameIsThePreset() {
        for (OriginalSettings p : Presets.all().values()) {
            assertEquals(p, p.toBuilder().build());
        }
    }

    @Test
    void builtByNameTheFieldsLandWhereNamed() {
        // encodec_24khz's settings, written out here from facebookresearch/encodec's model factory
        OriginalSettings s = OriginalSettings.builder().name("n").source("s").family(Family.ENCODEC)
                .sampleRate(24000).channels(1).causal(true).normalize(false).segment(null).overlap(0.01)
                .targetBandwidths(List.of(1.5, 3.0, 6.0, 12.0, 24.0)).dimension(128).nFilters(32).nResidualLayers(1)
                .ratios(List.of(8, 5, 4, 2)).norm("weight_norm").kernelSize(7).residualKernelSize(3)
                .lastKernelSize(7).dilationBase(2).padMode("reflect").trueSkip(false).compress(2).lstm(2)
                .trimRightRatio(1.0).bins(1024).nQ(32).build();
        assertEquals(24000, s.sampleRate());
        assertEquals(3, s.residualKernelSize());
        assertEquals(7, s.lastKernelSize());
        assertEquals(320, s.hopLength()); // 8 * 5 * 4 * 2
        assertEquals(75, s.frameRate()); // ceil(24000 / 320)
        assertEquals(Presets.get("encodec_24khz").architecture(), s.architecture());
    }

    @Test
    void aNumberLeftUnsetIsRefusedByName() {
        OriginalSettings.Builder b = Presets.get("encodec_24khz").toBuilder();
        OriginalSettings.Builder fresh = OriginalSettings.builder().name("n");
        IllegalStateException e = assertThrows(IllegalStateException.class, fresh::build);
        assertTrue(e.getMessage().contains("sampleRate"), e.getMessage());
        assertEquals(Presets.get("encodec_24khz"), b.build());
        IllegalStateException c = assertThrows(IllegalStateException.class,
                () -> EncodecConfig.builder().targetBandwidths(List.of(6.0)).build());
        assertTrue(c.getMessage().contains("samplingRate"), c.getMessage());
    }

    @Test
    void aConfigRebuiltByNameIsTheConfig() {
        EncodecConfig c = ConfigTranslation.toTransformers(Presets.get("encodec_48khz"), null);
        assertEquals(c, c.toBuilder().build());
        assertEquals(48000, c.samplingRate());
        assertEquals(c.codebookDim(), c.hiddenSize());
    }
}
