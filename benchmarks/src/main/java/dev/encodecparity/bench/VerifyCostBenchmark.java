package dev.encodecparity.bench;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.output.Staging;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.verify.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code verify} costs over all bandwidths of the full-size 24 kHz model (one 10 s clip, a converted folder made
 * in setup), against the plain work it stands for: with a single model, one encode plus one decode per bandwidth.
 * verify builds two models and runs both, but encodes each clip once per model (lower bandwidths are prefixes of the
 * highest one's codes) and decodes once per bandwidth per model. Target: at most 2.5x.
 *
 * <p>HOW TO RUN: {@code benchmarks/fullsize.sh encodec_24khz; benchmarks/run.sh VerifyCostBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=2"})
public class VerifyCostBenchmark {
    private Path work;
    private Path checkpoint;
    private Path folder;
    private Path clip;
    private ModelSource source;
    private Codec single;
    private float[][] audio;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        checkpoint = FullSizeCheckpoints.of("encodec_24khz");
        work = Files.createTempDirectory("verify-cost");
        folder = work.resolve("hf");
        Converter.toTransformers(checkpoint, "auto", null, folder, false);
        float[][] speech = AudioFiles.read(Path.of("testdata/audio/speech_24000hz_1ch.wav")).samples();
        audio = new float[1][240_000];
        for (int i = 0; i < audio[0].length; i++) {
            audio[0][i] = speech[0][i % speech[0].length];
        }
        clip = work.resolve("clip.npy");
        AudioFiles.write(clip, dev.encodecparity.audio.Audio.withoutSampleRate(audio));
        source = ModelSource.original(checkpoint, "auto", null);
        single = Codec.load(source, ComputeDevice.resolve("cpu"));
    }

    @TearDown(Level.Trial)
    public void close() {
        single.close();
        source.close();
        Staging.deleteTree(work);
    }

    /** verify of one clip at all 5 bandwidths: both models built, compared, reported (no diagnosis: it passes). */
    @Benchmark
    public String verifyAllBandwidths() {
        return Verification.run(new Verification.Options(checkpoint, "auto", null, folder, List.of(clip), List.of(),
                1e-5), ComputeDevice.resolve("cpu"), line -> { }).verdict().word();
    }

    /** The baseline: one model, already loaded, one encode plus one decode per bandwidth. */
    @Benchmark
    public int singleModelEncodeDecodePerBandwidth() {
        int n = 0;
        for (double bw : single.spec().bandwidths()) {
            EncodedAudio codes = single.encode(audio, single.codebooksFor(bw));
            n += single.decode(codes)[0].length;
        }
        return n;
    }
}
