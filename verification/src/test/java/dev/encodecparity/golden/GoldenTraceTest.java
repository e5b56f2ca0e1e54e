package dev.encodecparity.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.plot.RowPlots;
import dev.encodecparity.testing.TestData;
import dev.encodecparity.verify.BreakageAccess;
import dev.encodecparity.verify.Clip;
import dev.encodecparity.verify.Extras;
import dev.encodecparity.verify.RowProgress;
import dev.encodecparity.verify.RowSelection;
import dev.encodecparity.verify.TraceMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * golden record keeps a sampled layer trace per clip; golden check --trace compares today's run with it module by
 * module: all zero for the same model and stack, the first module over tolerance named for a model with one decoder
 * weight scaled; goldens recorded before traces existed are said to have none.
 */
class GoldenTraceTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;

    private GoldenCheck.Report check(Path model, Path goldens, TraceMode mode, RowPlots plots) {
        try (ModelSource s = ModelSource.transformers(model);
                Codec codec = Codec.load(s, ComputeDevice.resolve("cpu"))) {
            GoldenManifest m = GoldenManifest.read(goldens);
            return GoldenCheck.run(codec, goldens, m, Map.of(), m.tolerances(), RowSelection.ALL, RowProgress.NONE,
                    new Extras(mode, plots));
        }
    }

    @Test
    void aCheckComparesEachModuleWithTheRecordedTrace() throws Exception {
        Path good = tmp.resolve("good");
        Converter.toTransformers(CKPT, null, CONFIG, good, false);
        Path goldens = tmp.resolve("goldens");
        GoldenManifest m;
        try (ModelSource s = ModelSource.transformers(good);
                Codec codec = Codec.load(s, ComputeDevice.resolve("cpu"))) {
            List<Clip> clips = List.of(Clip.read(TestData.path("audio/speech_24000hz_1ch.wav"), codec.spec()),
                    Clip.read(TestData.path("audio/silence_24000hz_1ch.wav"), codec.spec()));
            m = GoldenRecorder.record(codec, Map.of(), clips, codec.spec().bandwidths(),
                    Outputs.builder().build().destination("--out", goldens, GoldenFolder.KIND));
        }
        assertEquals(2, m.traces().size(), "one trace per clip");
        GoldenManifest.Trace t = m.traces().get(0);
        assertEquals("inputs/00-speech_24000hz_1ch.wav", t.clip());
        assertEquals(GoldenTrace.PER_MODULE, t.perModule());
        assertTrue(Files.size(goldens.resolve(t.file())) < 200_000, "a trace is small");
        assertTrue(GoldenFolder.KIND.isPreviousOutput(goldens), "a folder with traces is still golden record's");
        assertEquals(GoldenTrace.read(goldens.resolve(t.file())).get(LayerProfile.DECODING).size(),
                GoldenTrace.read(goldens.resolve(t.file())).get(LayerProfile.DECODING).stream()
                        .map(e -> e.module() + e.chunk()).distinct().count(), "each module once per chunk");

        RowPlots plots = RowPlots.collecting();
        GoldenCheck.Report same = check(good, goldens, TraceMode.ALL, plots);
        assertTrue(same.passed());
        assertEquals(2, same.traces().size(), "--trace all: every clip");
        for (LayerProfile p : same.traces()) {
            assertNull(p.firstOverTolerance());
            assertEquals(0.0, p.maxAbsDifference(), p.clip());
        }
        assertEquals("golden", plots.of(0).labelA());

        Path perturbed = BreakageAccess.scaleTensor(good, tmp.resolve("perturbed"), "decoder.layers.15.conv.weight_g",
                1.01f);
        GoldenCheck.Report drift = check(perturbed, goldens, TraceMode.FIRST, RowPlots.NONE);
        assertEquals(1, drift.traces().size(), "--trace: the first clip");
        LayerProfile p = drift.traces().get(0);
        assertEquals("decoder.15", p.firstOverTolerance(), p.toString());
        assertTrue(p.modules().stream().filter(x -> x.stage().equals(LayerProfile.ENCODING))
                .allMatch(x -> x.maxAbsDifference() == 0), "the encoder does not drift");
        assertNull(check(perturbed, goldens, TraceMode.NONE, RowPlots.NONE).traces(), "no --trace: no traces field");

        // goldens of an earlier version: no traces; --trace says so and the check goes on
        ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(goldens.resolve(GoldenManifest.FILE).toFile());
        doc.remove("traces");
        Json.MAPPER.writeValue(goldens.resolve(GoldenManifest.FILE).toFile(), doc);
        for (GoldenManifest.Trace x : m.traces()) {
            Files.delete(goldens.resolve(x.file()));
        }
        assertTrue(GoldenFolder.KIND.isPreviousOutput(goldens));
        GoldenCheck.Report old = check(good, goldens, TraceMode.FIRST, RowPlots.NONE);
        assertTrue(old.passed());
        assertEquals(List.of(), old.traces());
        assertTrue(old.notes().stream().anyMatch(n -> n.startsWith("no layer trace of 00-speech_24000hz_1ch.wav in"
                + " the goldens")), old.notes().toString());
    }

    @Test
    void aTraceFileThatIsNotOneIsBadInput() throws Exception {
        Path f = tmp.resolve("t.npz");
        dev.encodecparity.audio.NpzWriter.write(f, Map.of("stray", dev.encodecparity.audio.NdArray.float32(
                new float[2], 2)));
        BadInputException e = assertThrows(BadInputException.class, () -> GoldenTrace.read(f));
        assertTrue(e.getMessage().contains("not a layer trace of golden record: unexpected array 'stray'"),
                e.getMessage());
    }
}
