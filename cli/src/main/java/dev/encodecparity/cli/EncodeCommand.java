package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.engine.AudioConversion;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.NonFiniteCheck;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.verify.Clip;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code encode}: audio to codes. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encodes audio with an EnCodec model into codes (.npz: codes_0..codes_{K-1}, int64"
                + " [n_q, frames] per chunk, and scales, float32 [K], when the model normalises).",
                "Audio: WAV (PCM 8/16/24/32-bit or float), FLAC, or a float32 .npy [channels, samples] or [samples], at"
                + " the model's rate and channels (or converted with --resample); a long clip is read and encoded a"
                + " block at a time. Writes <out>.json beside the codes with what produced them."},
        footer = {"", "Example:",
                "  encodec-parity encode --checkpoint encodec_24khz-d7cc33bc.th --audio speech.wav --bandwidth 6"
                + " --out speech.npz"})
final class EncodeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    StreamOption streaming;

    @Option(names = "--audio", required = true, paramLabel = "IN", description = "Input audio: .wav, .flac or .npy.")
    Path audio;

    @Option(names = "--bandwidth", required = true, paramLabel = "KBPS",
            description = "Target bandwidth in kbps; one of the model's (e.g. 1.5 3 6 12 24 for encodec_24khz).")
    double bandwidth;

    @Option(names = "--out", required = true, paramLabel = "codes.npz", description = "Output codes file.")
    Path out;

    @Option(names = "--force", description = "Replace codes (and their sidecar) that an earlier encode wrote.")
    boolean force;

    @Option(names = "--resample", description = "Convert the audio to the model's channels and rate as the original"
            + " code's convert_audio does (torchaudio's resampling; mean to mono, mono to stereo).")
    boolean resample;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npz")) {
            throw BadInputException.option("--out must be a .npz file, got " + out);
        }
        OutputWithSidecar output = OutputWithSidecar.check(model.addInputs(Outputs.builder().force(force))
                .input("--audio", audio).build(), out, OutputWithSidecar.CODES);
        var device = model.computeDevice(spec.commandLine().getErr());
        try (AudioSource opened = AudioFiles.open(audio); ModelSource source = model.open();
                Codec codec = Codec.load(source, device)) {
            NonFiniteCheck.requireFiniteWeights(codec);
            int rate = codec.spec().sampleRate();
            AudioConversion.Streamed converted = resample ? AudioConversion.toModel(opened, audio, rate,
                    codec.spec().architecture().channels()) : new AudioConversion.Streamed(opened, null);
            String conversion = converted.applied();
            Clip.Checked checked = Clip.check(audio, converted.source(), codec.spec(), streaming.stream);
            boolean streamed = checked.streamed();
            int channels = checked.source().channels();
            long length = checked.source().frames();
            int codebooks = codec.codebooksFor(bandwidth);
            long start = System.nanoTime();
            EncodedAudio codes = streamed ? codec.encode(checked.source(), codebooks)
                    : codec.encode(readWhole(codec, opened), codebooks);
            double seconds = (System.nanoTime() - start) / 1e9;
            NonFiniteCheck.requireFiniteEncoderOutput(codec, codes);
            ObjectNode side = Sidecar.provenance(codec, model.file(), Hashing.sha256(source.file()));
            side.put("audio", audio.toString());
            side.put("audio_sha256", Hashing.sha256(audio));
            side.put("audio_conversion", conversion);
            side.put("bandwidth_kbps", bandwidth);
            side.put("codebooks", codebooks);
            side.put("chunks", codes.chunks());
            side.put("streamed", streamed);
            Path sidecar = output.publish(staging -> CodesFile.write(staging, codes), side);
            PrintWriter w = spec.commandLine().getOut();
            int frames = codes.codes().stream().mapToInt(c -> c[0].length).sum();
            w.printf("encoded %s (%.2f s, %d channel%s, %d Hz) at %s kbps: %d codebooks, %d chunk%s, %d frames"
                    + " (%.2f s%s)%n", audio, length / (double) rate, channels, channels == 1 ? "" : "s", rate,
                    bandwidth, codebooks, codes.chunks(), codes.chunks() == 1 ? "" : "s", frames, seconds,
                    streamed ? ", streamed" : "");
            w.printf("  model:   %s%n", codec.source());
            w.printf("  engine:  %s%n", codec.info().summary());
            w.printf("  wrote:   %s (provenance in %s)%n", out, sidecar.getFileName());
            w.flush();
            return ExitCode.OK;
        }
    }

    /**
     * The whole clip, where it fits: the file already opened for its header read to the end (not opened and parsed
     * again), then converted whole, as verify and golden convert their clips (the whole-clip conversion is the one
     * held to torchaudio sample for sample).
     */
    private float[][] readWhole(Codec codec, AudioSource opened) {
        Audio input = AudioFiles.readAll(opened, audio);
        if (resample) {
            input = Audio.of(AudioConversion.toModel(input, audio, codec.spec().sampleRate(),
                    codec.spec().architecture().channels()).samples(), codec.spec().sampleRate());
        }
        Clip.checkFinite(audio, input); // the shape and the memory were checked from the header
        return input.samples();
    }
}
