package dev.encodecparity.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.encodecparity.config.Presets;
import dev.encodecparity.spec.Architecture;
import dev.encodecparity.testing.TestData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both layouts must reproduce the spec's key lists (made by instantiating the real modules) name for name, in order.
 * */
class LayoutTest {
    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz", "encodec_48khz"})
    void originalLayoutMatchesSpecKeyList(String preset) {
        Architecture a = Presets.get(preset).architecture();
        List<String> want = TestData.tsv(preset + "_original.tsv").stream().map(r -> r[0] + " " + r[1]).toList();
        assertEquals(want, OriginalLayout.INSTANCE.expected(a,
                Presets.get(preset).family()).stream().map(LayoutTest::row).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz", "encodec_48khz"})
    void transformersLayoutMatchesSpecKeyList(String preset) {
        Architecture a = Presets.get(preset).architecture();
        List<String> want = TestData.tsv(preset + "_hf.tsv").stream().map(r -> r[1] + " " + r[3]).toList();
        assertEquals(want, TransformersLayout.INSTANCE.expected(a,
                Presets.get(preset).family()).stream().map(LayoutTest::row).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz", "encodec_48khz"})
    void parametrizationNamesMapToLegacyNames(String preset) {
        for (String[] r : TestData.tsv(preset + "_hf.tsv")) {
            assertEquals(r[1], TransformersLayout.legacyName(r[2]));
        }
    }

    /** Each preset's two spellings are told apart; the 48 kHz model has GroupNorm, no weight norm at all. */
    @ParameterizedTest
    @ValueSource(strings = {"encodec_24khz", "encodec_32khz", "encodec_48khz"})
    void weightNormSpellingsAreToldApart(String preset) {
        List<String[]> rows = TestData.tsv(preset + "_hf.tsv");
        List<String> legacy = rows.stream().map(r -> r[1]).toList();
        List<String> parametrized = rows.stream().map(r -> r[2]).toList();
        boolean weightNorm = !preset.equals("encodec_48khz");
        assertEquals(weightNorm ? "legacy" : "none", TransformersLayout.weightNormSpelling(legacy));
        assertEquals(weightNorm ? "parametrizations" : "none", TransformersLayout.weightNormSpelling(parametrized));
        List<String> mixed = new java.util.ArrayList<>(legacy);
        mixed.addAll(parametrized);
        assertEquals(weightNorm ? "mixed" : "none", TransformersLayout.weightNormSpelling(mixed));
    }

    private static String row(ExpectedTensor t) {
        return t.name() + " " + Arrays.toString(t.shape());
    }
}
