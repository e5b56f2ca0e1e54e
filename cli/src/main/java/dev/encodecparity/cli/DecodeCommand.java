package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.AudioSink;
import dev.encodecparity.audio.Pcm16WavWriter;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.engine.NonFiniteCheck;
import dev.encodecparity.codes.CodesFile;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.output.DiskSpace;
import dev.encodecparity.output.Outputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code decode}: codes to audio. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decodes codes (.npz from encode) into audio: .wav (float32) or .npy float32 [channels, "
                + "samples],"
                + " as long as the original decode gives (frames x hop; with chunking, the overlap-added length).",
                "Writes <out>.json beside the audio with what produced it."},
        footer = {"", "Example:",
                "  encodec-parity decode --checkpoint encodec_24khz-d7cc33bc.th --codes speech.npz --out speech.wav"})
final class DecodeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    StreamOption streaming;

    @Option(names = "--codes", required = true, paramLabel = "codes.npz", description = "Codes written by encode.")
    Path codes;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output audio: .wav or .npy.")
    Path out;

    @Option(names = "--force", description = "Replace audio (and its sidecar) that an earlier decode wrote.")
    boolean force;

    @Option(names = "--pcm16", description = "Write 16-bit PCM WAV as the original code's save_audio does (clamped to"
            + " +-0.99, or --rescale), to compare with what the original encodec command writes.")
    boolean pcm16;

    @Option(names = "--rescale", description = "With --pcm16: scale the audio down to 0.99 instead of clamping it.")
    boolean rescale;

    @Override
    public Integer call() {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".wav") && !name.endsWith(".npy")) {
            throw BadInputException.option("--out must end in .wav or .npy, got " + out);
        }
        if ((pcm16 && !name.endsWith(".wav")) || (rescale && !pcm16)) {
            throw BadInputException.option(pcm16 ? "--pcm16 writes a .wav, not " + out
                    : "--rescale goes with --pcm16");
        }
        OutputWithSidecar output = OutputWithSidecar.check(model.addInputs(Outputs.builder().force(force))
                .input("--codes", codes).build(), out, OutputWithSidecar.AUDIO);
        var device = model.computeDevice(spec.commandLine().getErr());
        List<Long> declared = CodesFile.declaredFrames(codes); // the headers alone: checked before anything is read
        try (ModelSource source = model.open(); Codec codec = Codec.load(source, device)) {
            NonFiniteCheck.requireFiniteWeights(codec);
            long declaredSamples = declared.stream().mapToLong(Long::longValue).sum()
                    * codec.spec().architecture().hopLength();
            boolean throughFile = !(pcm16 && rescale); // rescaling needs the whole clip's maximum first
            boolean streamed = MemoryEstimate.chooseStreaming(codec.spec(), MemoryEstimate.decode(codec.spec(),
                    declared, 1), declaredSamples, streaming.stream, codes.toString(), throughFile ? 0 : 2);
            EncodedAudio input = CodesFile.read(codes);
            checkNamingFile(codec, input);
            long samples = codec.decodedLength(input);
            int channels = codec.spec().architecture().channels();
            int rate = codec.spec().sampleRate();
            ObjectNode side = Sidecar.provenance(codec, model.file(), Hashing.sha256(source.file()));
            side.put("codes", codes.toString());
            side.put("codes_sha256", Hashing.sha256(codes));
            side.put("samples", samples);
            side.put("streamed", streamed);
            side.put("encoding", pcm16 ? "pcm16 as save_audio writes it (" + (rescale ? "rescaled" : "clamped")
                    + " to 0.99)" : "float32");
            DiskSpace.require(out, Math.multiplyExact(samples * channels, pcm16 ? 2L : 4L),
                    "decoding " + String.format(Locale.ROOT, "%.1f s", samples / (double) rate) + " of audio");
            long start = System.nanoTime();
            Path sidecar = output.publish(staging -> {
                if (streamed && throughFile) {
                    try (AudioSink sink = pcm16 ? Pcm16WavWriter.create(staging, channels, rate, samples)
                            : AudioFiles.create(staging, channels, rate, samples)) {
                        NonFiniteCheck.requireFiniteAudio(codec, codec.decode(input, sink));
                        sink.finish();
                    }
                    return;
                }
                float[][] audio = codec.decode(input, streamed);
                NonFiniteCheck.requireFiniteAudio(codec, audio);
                if (pcm16) {
                    Pcm16WavWriter.write(staging, Audio.of(audio, rate), rescale);
                } else {
                    AudioFiles.write(staging, Audio.of(audio, rate));
                }
            }, side);
            double seconds = (System.nanoTime() - start) / 1e9;
            PrintWriter w = spec.commandLine().getOut();
            w.printf("decoded %s (%d codebooks, %d chunk%s): %d samples x %d channel%s at %d Hz (%.2f s of audio,"
                    + " %.2f s%s)%n", codes, input.codebooks(), input.chunks(), input.chunks() == 1 ? "" : "s",
                    samples, channels, channels == 1 ? "" : "s", rate, samples / (double) rate, seconds,
                    streamed ? ", streamed" : "");
            w.printf("  model:   %s%n", codec.source());
            w.printf("  engine:  %s%n", codec.info().summary());
            w.printf("  wrote:   %s (provenance in %s)%n", out, sidecar.getFileName());
            w.flush();
            return ExitCode.OK;
        }
    }

    /** The codes checked against the model; a fault names the codes file. */
    private void checkNamingFile(Codec codec, EncodedAudio input) {
        try {
            codec.checkCodes(input);
        } catch (BadInputException e) {
            throw e.file() == null ? new BadInputException(codes, e.reason() + " (model: " + codec.source() + ")") : e;
        }
    }
}
