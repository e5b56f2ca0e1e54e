package dev.encodecparity.golden;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.NonFiniteCheck;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.output.Destination;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.verify.Clip;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Records goldens: per clip and bandwidth, the codes and the audio decoded from them, with the clips themselves (so a
 * golden folder is self-contained), a layer trace per clip ({@link GoldenTrace}) and a manifest. Written into a
 * staging folder and renamed into place. A model with non-finite weights, or an output that is not all finite, is
 * refused and nothing is written.
 */
public final class GoldenRecorder {
    /** Defaults chosen for checks across devices and library versions; see docs/goldens.md. */
    public static final GoldenManifest.Tolerances DEFAULT_TOLERANCES = new GoldenManifest.Tolerances(1e-4, 1e-3,
            1e-5, "atol/rtol apply to audio decoded from the golden codes; tie_margin is relative to |x|^2 + |e|^2 of"
                    + " the quantizer's distance terms. Same machine and versions: everything should be identical.");

    private GoldenRecorder() {
    }

    public static GoldenManifest record(Codec codec, Map<String, String> modelFiles, List<Clip> clips,
            List<Double> bandwidths, Destination out) {
        NonFiniteCheck.requireFiniteWeights(codec); // goldens of a broken model would pass a broken stack
        List<GoldenManifest.Entry> entries = new ArrayList<>();
        List<GoldenManifest.Trace> traces = new ArrayList<>();
        GoldenManifest[] manifest = new GoldenManifest[1];
        out.publish(staging -> {
            Files.createDirectories(staging.resolve(GoldenFolder.INPUTS));
            int maxCodebooks = 0;
            for (double bw : bandwidths) {
                maxCodebooks = Math.max(maxCodebooks, codec.codebooksFor(bw));
            }
            for (int i = 0; i < clips.size(); i++) {
                Clip clip = clips.get(i);
                String stem = String.format("%02d-%s", i, clip.name().replaceAll("\\.[^.]*$", ""));
                String input = GoldenFolder.INPUTS + "/" + String.format("%02d-", i) + clip.name();
                Files.copy(clip.path(), staging.resolve(input));
                EncodedAudio all = codec.encode(clip.samples(), maxCodebooks, clip.streamed());
                NonFiniteCheck.requireFiniteEncoderOutput(codec, all);
                List<EncodedAudio> codesPerBandwidth = new ArrayList<>();
                bandwidths.forEach(bw -> codesPerBandwidth.add(all.firstCodebooks(codec.codebooksFor(bw))));
                // decoded together, as golden check decodes them (GoldenDecodes.ofClip), so that it can reproduce them;
                // a streamed clip's one at a time
                IntFunction<float[][]> decoded = codec.decodesOfClip(codesPerBandwidth, clip.streamed());
                for (int b = 0; b < bandwidths.size(); b++) {
                    double bw = bandwidths.get(b);
                    int n = codec.codebooksFor(bw);
                    EncodedAudio codes = codesPerBandwidth.get(b);
                    String codesFile = stem + ".bw" + bw + ".codes.npz";
                    String audioFile = stem + ".bw" + bw + ".audio.npy";
                    CodesFile.write(staging.resolve(codesFile), codes);
                    float[][] audio = decoded.apply(b);
                    NonFiniteCheck.requireFiniteAudio(codec, audio);
                    AudioFiles.write(staging.resolve(audioFile), Audio.withoutSampleRate(audio));
                    entries.add(new GoldenManifest.Entry(input, clip.sha256(), bw, n, codesFile, audioFile));
                }
                // traced on the golden codes of its most codebooks
                GoldenManifest.Entry most = entries.subList(entries.size() - bandwidths.size(), entries.size())
                        .stream().max(java.util.Comparator.comparingInt(GoldenManifest.Entry::codebooks))
                        .orElseThrow();
                traces.add(GoldenTrace.record(codec, clip, input, all.firstCodebooks(most.codebooks()),
                        most.codes(), staging, stem + ".trace.npz"));
            }
            OutputProvenance recorded = new OutputProvenance(ToolInfo.nameAndVersion(), Instant.now().toString(),
                    OutputProvenance.Source.of(codec.source(), null, null), codec.info(), modelFiles,
                    Map.of());
            manifest[0] = GoldenManifest.of(recorded, DEFAULT_TOLERANCES, entries, traces);
            Json.MAPPER.writeValue(staging.resolve(GoldenManifest.FILE).toFile(),
                    dev.encodecparity.common.JsonDocument.of(GoldenManifest.KIND, manifest[0]));
        });
        return manifest[0];
    }
}
