package dev.encodecparity.bench;

import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode and decode of 10 seconds of audio with each full-size preset, at the model's highest bandwidth, batch 1 and
 * 8, on the CPU with libtorch's two threads (or on a GPU: {@code -p device=cuda}). The audio is the speech
 * reference clip at the model's rate, repeated to 10 s.
 * Real-time factor = 10 s x batch / the time per operation.
 *
 * <p>The model is loaded once per trial; every call runs in its own native-memory scope, as in the tool. Results
 * are read back to Java arrays inside the timed call (codes, samples), which also ends any asynchronous work.
 *
 * <p>HOW TO RUN (from the repository root, with nothing else running):
 * <pre>
 *   benchmarks/fullsize.sh
 *   benchmarks/run.sh CodecBenchmark
 *   benchmarks/run.sh CodecBenchmark -p device=cuda     # only on a machine where DJL sees a GPU
 * </pre>
 * On a GPU the read-back of the results is the synchronisation point: a call returns only when the device has
 * finished and its output is in Java arrays. The GPU run stops at once, saying why, where no GPU is visible.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=2"})
public class CodecBenchmark {
    private static final int SECONDS = 10;

    @Param({"encodec_24khz", "encodec_48khz", "encodec_32khz"})
    public String preset;

    @Param({"1", "8"})
    public int batch;

    /** "cpu" by default; "cuda" is asked for explicitly, and only on a GPU machine. */
    @Param({"cpu"})
    public String device;

    private ModelSource source;
    private Codec codec;
    private List<float[][]> items;
    private int codebooks;
    private List<EncodedAudio> codes;

    @Setup(Level.Trial)
    public void load() {
        source = ModelSource.original(FullSizeCheckpoints.of(preset), "auto", null);
        codec = Codec.load(source, ComputeDevice.resolve(device)); // "cuda" without a GPU: a clear error
        int rate = codec.spec().sampleRate();
        int channels = codec.spec().architecture().channels();
        float[][] clip = AudioFiles.read(Path.of("testdata/audio/speech_" + rate + "hz_" + channels + "ch.wav"))
                .samples();
        float[][] audio = new float[channels][SECONDS * rate];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < audio[c].length; i++) {
                audio[c][i] = clip[c][i % clip[c].length];
            }
        }
        items = java.util.Collections.nCopies(batch, audio);
        List<Double> bandwidths = codec.spec().bandwidths();
        codebooks = codec.codebooksFor(bandwidths.get(bandwidths.size() - 1));
        codes = codec.encodeBatch(items, codebooks);
    }

    @TearDown(Level.Trial)
    public void close() {
        codec.close();
        source.close();
    }

    @Benchmark
    public List<EncodedAudio> encode() {
        return codec.encodeBatch(items, codebooks);
    }

    @Benchmark
    public List<float[][]> decode() {
        return codec.decodeBatch(codes);
    }
}
