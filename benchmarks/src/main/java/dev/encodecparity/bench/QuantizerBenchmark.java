package dev.encodecparity.bench;

import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The residual vector quantizer's share of an encode: 10 s of the full-size 24 kHz model at 1.5 kbps (2 codebooks)
 * and at 24 kbps (32 codebooks). The encoder is the same in both, so the difference is 30 codebooks of the original's
 * distance expression ({@code [750 x 128] @ [128 x 1024]} and an argmax each).
 *
 * <p>HOW TO RUN: {@code benchmarks/run.sh QuantizerBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=2"})
public class QuantizerBenchmark {
    @Param({"2", "32"})
    public int codebooks;

    private ModelSource source;
    private Codec codec;
    private float[][] audio;

    @Setup(Level.Trial)
    public void load() {
        source = ModelSource.original(FullSizeCheckpoints.of("encodec_24khz"), "auto", null);
        codec = Codec.load(source, ComputeDevice.resolve("cpu"));
        java.util.Random r = new java.util.Random(0);
        audio = new float[1][240_000];
        for (int i = 0; i < audio[0].length; i++) {
            audio[0][i] = (float) (0.1 * r.nextGaussian());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        codec.close();
        source.close();
    }

    @Benchmark
    public EncodedAudio encode() {
        return codec.encode(audio, codebooks);
    }
}
