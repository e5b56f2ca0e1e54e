package dev.encodecparity.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import dev.encodecparity.engine.Ops;
import dev.encodecparity.spec.PadMode;
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
 * The three operations DJL lacks, composed in {@link Ops}, each beside the closest operation libtorch does natively,
 * on the shapes where the 24 kHz model spends most (the last decoder stage: 64 to 32 channels, 10 s of audio).
 *
 * <ul>
 *   <li>transposed convolution (polyphase: one conv1d with Cout*s outputs, then an interleave) against a native
 *       conv1d of exactly the same FLOPs (the cost of the arithmetic alone);
 *   <li>GroupNorm(1, C) composed from means against torch's fused layer_norm over (C, T), the same statistics;
 *   <li>reflect padding (slices, flips, one concat) against constant padding (one native op).
 * </ul>
 *
 * <p>Each call runs in its own manager, closed at once, as in the tool. HOW TO RUN: {@code benchmarks/run.sh
 * ComposedOpsBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=2",
    "-Dai.djl.pytorch.num_interop_threads=2"})
public class ComposedOpsBenchmark {
    private static final int IN = 64;
    private static final int OUT = 32;
    private static final int STRIDE = 2;
    private static final int KERNEL = 4;
    private static final int FRAMES = 120_000; // 10 s at 24 kHz before the last upsampling

    private NDManager weights;
    private NDArray x;
    private NDArray polyphase;
    private NDArray polyphaseBias;
    private NDArray sameFlopsWeight;
    private NDArray sameFlopsBias;
    private NDArray wide;
    private NDArray gamma;
    private NDArray beta;
    private NDArray gammaFull;
    private NDArray betaFull;

    @Setup(Level.Trial)
    public void setup() {
        weights = NDManager.newBaseManager(Device.cpu());
        x = weights.randomNormal(new Shape(1, IN, FRAMES));
        float[] w = weights.randomNormal(new Shape(IN, OUT, KERNEL)).toFloatArray();
        polyphase = weights.create(Ops.polyphaseWeight(w, IN, OUT, KERNEL, STRIDE),
                new Shape((long) OUT * STRIDE, IN, KERNEL / STRIDE));
        polyphaseBias = weights.zeros(new Shape((long) OUT * STRIDE));
        // Same multiply-adds as the transposed conv: Cout*s outputs of a (K/s)-tap kernel over the same frames.
        sameFlopsWeight = weights.randomNormal(new Shape((long) OUT * STRIDE, IN, KERNEL / STRIDE));
        sameFlopsBias = weights.zeros(new Shape((long) OUT * STRIDE));
        wide = weights.randomNormal(new Shape(1, OUT, (long) FRAMES * STRIDE));
        gamma = weights.ones(new Shape(OUT, 1));
        beta = weights.zeros(new Shape(OUT, 1));
        gammaFull = weights.ones(new Shape(OUT, (long) FRAMES * STRIDE));
        betaFull = weights.zeros(new Shape(OUT, (long) FRAMES * STRIDE));
    }

    @TearDown(Level.Trial)
    public void close() {
        weights.close();
    }

    @Benchmark
    public float transposedConvComposed() {
        try (NDManager call = NDManager.newBaseManager(Device.cpu())) {
            NDArray in = x.duplicate();
            in.attach(call);
            return Ops.convTranspose1d(in, polyphase, polyphaseBias, OUT, KERNEL, STRIDE).getFloat(0, 0, 0);
        }
    }

    @Benchmark
    public float sameFlopsNativeConv() {
        try (NDManager call = NDManager.newBaseManager(Device.cpu())) {
            NDArray in = x.duplicate();
            in.attach(call);
            return Ops.conv1d(in.pad(new Shape(1, 1), 0), sameFlopsWeight, sameFlopsBias, 1, 1).getFloat(0, 0, 0);
        }
    }

    @Benchmark
    public float groupNormComposed() {
        try (NDManager call = NDManager.newBaseManager(Device.cpu())) {
            NDArray in = wide.duplicate();
            in.attach(call);
            return Ops.groupNorm1(in, gamma, beta, 1e-5).getFloat(0, 0, 0);
        }
    }

    @Benchmark
    public float layerNormNative() {
        try (NDManager call = NDManager.newBaseManager(Device.cpu())) {
            NDArray in = wide.duplicate();
            in.attach(call);
            return LayerNorm.layerNorm(in, new Shape(OUT, (long) FRAMES * STRIDE), gammaFull, betaFull, 1e-5f)
                    .singletonOrThrow().getFloat(0, 0, 0);
        }
    }

    @Benchmark
    public float reflectPadComposed() {
        try (NDManager call = NDManager.newBaseManager(Device.cpu())) {
            NDArray in = wide.duplicate();
            in.attach(call);
            return Ops.pad1d(in, 3, 3, PadMode.REFLECT).getFloat(0, 0, 0);
        }
    }

    @Benchmark
    public float constantPadNative() {
        try (NDManager call = NDManager.newBaseManager(Device.cpu())) {
            NDArray in = wide.duplicate();
            in.attach(call);
            return Ops.pad1d(in, 3, 3, PadMode.CONSTANT).getFloat(0, 0, 0);
        }
    }
}
