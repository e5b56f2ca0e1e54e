package dev.encodecparity.bench;

import dev.encodecparity.output.Staging;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.convert.Converter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * How long converting a full-size original checkpoint takes, next to the cheapest thing that moves the same bytes:
 * copying the file ({@link Files#copy}, which the kernel does without passing the bytes through Java).
 *
 * <p>Conversion reads the archive's directory and pickle, checks every storage entry's CRC-32, checks every tensor's
 * name and shape, streams the tensors into model.safetensors with {@code transferTo}, and hashes the whole source with
 * SHA-256 for provenance on a second thread. The target is a conversion within 1.5x of the copy.
 *
 * <p>Both benchmarks write into a fresh temporary folder and the output is deleted after each call, outside the timed
 * region. The files stay in the page cache between calls, so this measures the tool, not the disk.
 *
 * <p>HOW TO RUN (from the repository root, with nothing else running):
 * <pre>
 *   benchmarks/fullsize.sh                       # makes target/fullsize/encodec_{24,48}khz/*.th once
 *   mvn -q -DskipTests package -pl benchmarks -am
 *   java -jar benchmarks/target/benchmarks.jar ConversionBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ConversionBenchmark {
    @Param({"encodec_24khz", "encodec_48khz"})
    public String preset;

    private Path checkpoint;
    private Path workDir;
    private Path out;

    @Setup(Level.Trial)
    public void locate() throws IOException {
        checkpoint = FullSizeCheckpoints.of(preset);
        workDir = Files.createTempDirectory("conversion-benchmark");
    }

    @Setup(Level.Invocation)
    public void freshOutput() {
        out = workDir.resolve("out");
    }

    @TearDown(Level.Invocation)
    public void removeOutput() {
        Staging.deleteTree(out);
    }

    @TearDown(Level.Trial)
    public void removeWorkDir() {
        Staging.deleteTree(workDir);
    }

    /** The baseline: a plain copy of the checkpoint. */
    @Benchmark
    public Path copyFile() throws IOException {
        return Files.copy(checkpoint, out);
    }

    /**
     * The floor under any conversion with provenance: one SHA-256 pass over the source (what the conversion runs on its
     * second thread, with the CRC-32 checks folded in).
     */
    @Benchmark
    public String sha256Only() {
        return Hashing.sha256(checkpoint);
    }

    /** The conversion, exactly what {@code encodec-parity convert --checkpoint FILE --out DIR} does. */
    @Benchmark
    public int convert() {
        return Converter.toTransformers(checkpoint, "auto", null, out, false).tensors();
    }
}
