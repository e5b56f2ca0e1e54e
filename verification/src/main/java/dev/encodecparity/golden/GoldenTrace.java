package dev.encodecparity.golden;

import dev.encodecparity.audio.NdArray;
import dev.encodecparity.audio.NpzReader;
import dev.encodecparity.audio.NpzWriter;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.LayerTrace;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.verify.Clip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A clip's layer trace kept beside its goldens, so that {@code golden check --trace} can tell which module of today's
 * stack drifts from the recording: the encoder and quantizer traced on the clip, the decoder on its golden codes (so
 * a decoder's drift is its own), {@link #PER_MODULE} evenly spaced values of each module's output. A few tens of
 * kilobytes a clip, next to its recorded audio of hundreds.
 *
 * <p>The file is an {@code .npz}: one float32 array of samples per module, named {@code "<stage> <position> <chunk>
 * <module>"}, and the module's full shape as an int64 array under the same name plus {@code " shape"}.
 */
final class GoldenTrace {
    /** Values kept per module and chunk. */
    static final int PER_MODULE = 256;
    private static final String SHAPE = " shape";

    private GoldenTrace() {
    }

    /**
     * Traces {@code clip} and writes the trace to {@code folder/file}.
     *
     * @param codes the golden codes of the clip's most codebooks: what its decoder stage is traced on
     * @param codesFile their file in the golden folder
     */
    static GoldenManifest.Trace record(Codec codec, Clip clip, String clipFile, EncodedAudio codes, String codesFile,
            Path folder, String file) throws IOException {
        LayerTrace encoding = LayerTrace.sampled(PER_MODULE);
        codec.encode(clip.samples(), codes.codebooks(), encoding.recorder());
        LayerTrace decoding = LayerTrace.sampled(PER_MODULE);
        codec.decode(codes, decoding.recorder());
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        put(arrays, LayerProfile.ENCODING, encoding.entries());
        put(arrays, LayerProfile.DECODING, decoding.entries());
        NpzWriter.write(folder.resolve(file), arrays);
        return new GoldenManifest.Trace(clipFile, codes.codebooks(), codesFile, file, PER_MODULE);
    }

    /** Today's stack traced as the recording was, each module compared with the recorded samples. */
    static LayerProfile check(Codec codec, Path goldens, GoldenManifest.Trace t, Clip clip, EncodedAudio codes,
            double tolerance) {
        Path file = goldens.resolve(t.file());
        Map<String, List<LayerTrace.Entry>> recorded = read(file);
        LayerTrace encoding = LayerTrace.replay(recorded.get(LayerProfile.ENCODING), t.perModule());
        codec.encode(clip.samples(), t.codebooks(), encoding.checker());
        LayerTrace decoding = LayerTrace.replay(recorded.get(LayerProfile.DECODING), t.perModule());
        codec.decode(codes, decoding.checker());
        return LayerProfile.of(clip.name(), t.codebooks(), tolerance, encoding.modules(), decoding.modules());
    }

    private static void put(Map<String, NdArray> arrays, String stage, List<LayerTrace.Entry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            LayerTrace.Entry e = entries.get(i);
            String name = String.format("%s %04d %d %s", stage, i, e.chunk(), e.module());
            arrays.put(name, NdArray.float32(e.values(), e.values().length));
            arrays.put(name + SHAPE, NdArray.int64(e.shape(), e.shape().length));
        }
    }

    /** The recorded entries of each stage, in order; a file that is not such a trace is bad input naming it. */
    static Map<String, List<LayerTrace.Entry>> read(Path file) {
        Map<String, NdArray> arrays = NpzReader.read(file);
        Map<String, List<LayerTrace.Entry>> out = new LinkedHashMap<>();
        out.put(LayerProfile.ENCODING, new ArrayList<>());
        out.put(LayerProfile.DECODING, new ArrayList<>());
        for (Map.Entry<String, NdArray> a : arrays.entrySet()) {
            if (a.getKey().endsWith(SHAPE)) {
                continue;
            }
            String[] parts = a.getKey().split(" ");
            NdArray shape = arrays.get(a.getKey() + SHAPE);
            List<LayerTrace.Entry> stage = parts.length == 4 ? out.get(parts[0]) : null;
            if (stage == null || shape == null || !parts[1].matches("\\d{4,}") || !parts[2].matches("\\d{1,9}")
                    || Integer.parseInt(parts[1]) != stage.size() || a.getValue().rank() != 1
                    || a.getValue().dtype() != DType.FLOAT32 || shape.rank() != 1 || shape.dtype() != DType.INT64) {
                throw new BadInputException(file, "not a layer trace of golden record: unexpected array '"
                        + a.getKey() + "'");
            }
            stage.add(new LayerTrace.Entry(Integer.parseInt(parts[2]), parts[3], "", shape.longData(),
                    a.getValue().floatData()));
        }
        return out;
    }
}
