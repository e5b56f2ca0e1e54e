package dev.encodecparity.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.compare.AudioComparison;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.FullSize;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine against transformers' EncodecModel (CPU, pip's torch): codes identical to the golden codes (a mismatch
 * passes only where the two entries are equally near within float32 rounding), and audio decoded from the golden
 * codes within 1e-5 of the golden audio. Each model is loaded through both layouts: the original checkpoint, and a
 * transformers folder converted from it at test time.
 */
class GoldenTest {
    private static final double AUDIO_ATOL = 1e-5;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"tiny_24khz, original", "tiny_24khz, transformers", "tiny_32khz, original",
        "tiny_32khz, transformers", "tiny_48khz, original", "tiny_48khz, transformers"})
    void tinyModels(String model, String layout) {
        check(Goldens.read(TestData.path("goldens/" + model), TestData.path("")), layout, true);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @CsvSource({"encodec_24khz, original", "encodec_24khz, transformers", "encodec_32khz, original",
        "encodec_32khz, transformers", "encodec_48khz, original", "encodec_48khz, transformers"})
    void fullSizePresets(String preset, String layout) {
        Path dir = FullSize.dir(preset);
        check(Goldens.read(dir, dir), layout, false);
    }

    private void check(Goldens g, String layout, boolean tinyConfig) {
        try (ModelSource source = source(g, layout, tinyConfig);
                Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            StringBuilder report = new StringBuilder();
            for (Goldens.Entry e : g.entries()) {
                float[][] audio = AudioFiles.read(e.clip()).samples();
                assertEquals(e.codebooks(), codec.codebooksFor(e.bandwidth()), "codebooks at " + e.bandwidth());
                EncodedAudio ours = codec.encode(audio, e.codebooks());
                EncodedAudio golden = CodesFile.read(e.codes());
                CodeComparison.Result r = CodeComparison.compare(golden, ours,
                        (k, t, q, a, b) -> codec.margin(audio, k, t, q, a, b));
                assertTrue(r.structure().isEmpty(), e.codes() + ": " + r.structure());
                if (!r.identical()) {
                    report.append(e.codes().getFileName()).append(": ").append(r.differing()).append(" of ")
                            .append(r.codes()).append(" codes differ\n").append(r.mismatches().stream()
                                    .map(m -> "  chunk " + m.chunk() + " frame " + m.frame() + " codebook "
                                            + m.codebook() + ": golden " + m.expected() + ", ours " + m.actual()
                                            + ", margin " + m.margin())
                                    .collect(Collectors.joining("\n"))).append("\n");
                }
                assertTrue(r.passes(0), "differences beyond float32 rounding:\n" + report);
                if (e.audio() != null) {
                    float[][] want = AudioFiles.read(e.audio()).samples();
                    AudioComparison a = AudioComparison.of(want, codec.decode(golden));
                    assertTrue(!a.lengthsDiffer() && a.maxAbsError() <= AUDIO_ATOL,
                            e.audio() + ": " + a + " (lengths " + want[0].length + ")");
                }
            }
            System.out.println(g.dir().getFileName() + " via " + layout + ": " + g.entries().size()
                    + " entries pass" + (report.length() == 0 ? ", every code identical" : "; near ties:\n" + report));
        }
    }

    private ModelSource source(Goldens g, String layout, boolean tinyConfig) {
        Path config = tinyConfig ? g.config() : null;
        if (layout.equals("original")) {
            return ModelSource.original(g.checkpoint(), "auto", config);
        }
        Path folder = tmp.resolve("converted");
        Converter.toTransformers(g.checkpoint(), "auto", config, folder, false);
        assertTrue(Files.exists(folder.resolve("model.safetensors")));
        return ModelSource.transformers(folder);
    }
}
