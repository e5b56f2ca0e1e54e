package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.engine.MatmulPeak;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.engine.StepTimes;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.spec.FlopCount;
import dev.encodecparity.verify.ReferenceClips;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: encode and decode timed in process; one JSON line. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Loads a model once, warms up, and times encode and decode separately in process. Prints one"
                + " JSON line: median, min and max seconds of encode, decode and both, each run's seconds, and"
                + " their spread ((max - min) / median), real-time factor (audio seconds /"
                + " wall seconds), achieved GFLOP/s beside the matrix-multiply peak measured the same way, batch,"
                + " device, threads, libtorch and DJL versions. --profile adds per-module times (stderr)."},
        footer = {"", "Example:",
                "  encodec-parity bench --checkpoint encodec_24khz-d7cc33bc.th --seconds 10 --batch 8 --threads 2"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--audio", paramLabel = "FILE",
            description = "Audio to time (repeated or cut to --seconds). Default: the bundled speech clip at the"
                    + " model's rate, else seeded noise.")
    Path audio;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "Seconds of audio per item.")
    double seconds;

    @Option(names = "--bandwidth", paramLabel = "KBPS", description = "Default: the model's highest.")
    Double bandwidth;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N",
            description = "Items encoded and decoded together.")
    int batch;

    @Option(names = "--iterations", defaultValue = "5", paramLabel = "N", description = "Timed runs (after 2 warm-up).")
    int iterations;

    @Option(names = "--profile", description = "Also print each module's share of the time to stderr.")
    boolean profile;

    @Override
    public Integer call() {
        if (seconds <= 0 || batch < 1 || iterations < 1) {
            throw BadInputException.option("--seconds, --batch and --iterations must be positive");
        }
        var device = model.computeDevice(spec.commandLine().getErr());
        try (ModelSource source = model.open(); Codec codec = Codec.load(source, device)) {
            int rate = codec.spec().sampleRate();
            MemoryEstimate.encodeAndDecode(codec.spec(), Math.round(seconds * rate), batch)
                    .check(audio != null ? audio.toString() : "the bench clip");
            float[][] clip = clip(codec, rate);
            List<float[][]> items = Collections.nCopies(batch, clip);
            List<Double> bws = codec.spec().bandwidths();
            double bw = bandwidth != null ? bandwidth : bws.get(bws.size() - 1);
            int codebooks = codec.codebooksFor(bw);
            List<EncodedAudio> codes = null;
            for (int i = 0; i < 2; i++) {
                codes = codec.encodeBatch(items, codebooks);
                codec.decodeBatch(codes);
            }
            StepTimes times = profile ? new StepTimes() : StepTimes.NONE;
            codec.profileInto(times);
            double[] enc = new double[iterations];
            double[] dec = new double[iterations];
            double[] both = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                codes = codec.encodeBatch(items, codebooks);
                long t1 = System.nanoTime();
                codec.decodeBatch(codes);
                long t2 = System.nanoTime();
                enc[i] = (t1 - t0) / 1e9;
                dec[i] = (t2 - t1) / 1e9;
                both[i] = (t2 - t0) / 1e9;
            }
            codec.profileInto(StepTimes.NONE);
            double audioSeconds = clip[0].length / (double) rate * batch;
            double encFlop = FlopCount.encode(codec.spec(), clip[0].length, codebooks) * batch;
            double decFlop = FlopCount.decode(codec.spec(), clip[0].length) * batch;
            OutputProvenance.Engine e = codec.info();
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put(dev.encodecparity.common.JsonSchemas.KEY, dev.encodecparity.common.JsonSchemas.VERSION);
            o.put(dev.encodecparity.common.JsonDocument.KIND, "bench");
            o.put("tool", ToolInfo.nameAndVersion());
            o.put("model", codec.source());
            o.put("device", e.device());
            o.put("threads", e.threads());
            o.put("libtorch", e.libtorch());
            o.put("djl", e.djl());
            o.put("cpu", e.cpu());
            o.put("gpu", e.gpu());
            o.set("numerics", Json.MAPPER.valueToTree(e.numerics()));
            o.put("device_warning", e.deviceWarning());
            o.put("batch", batch);
            o.put("audio_seconds_per_item", clip[0].length / (double) rate);
            o.put("bandwidth_kbps", bw);
            o.put("codebooks", codebooks);
            o.put("iterations", iterations);
            put(o, "encode", enc);
            put(o, "decode", dec);
            put(o, "both", both);
            o.put("rtf_encode", audioSeconds / median(enc));
            o.put("rtf_decode", audioSeconds / median(dec));
            o.put("rtf_both", audioSeconds / median(both));
            o.put("encode_gflop", encFlop / 1e9);
            o.put("decode_gflop", decFlop / 1e9);
            o.put("encode_gflops", encFlop / 1e9 / median(enc));
            o.put("decode_gflops", decFlop / 1e9 / median(dec));
            o.put("matmul_peak_gflops", MatmulPeak.gflops(device, 1024, 5));
            dev.encodecparity.common.JsonDocument.finite(o);
            spec.commandLine().getOut().println(o.toString());
            spec.commandLine().getOut().flush();
            if (profile) {
                var err = spec.commandLine().getErr();
                err.printf("per-module wall time over %d encode+decode runs:%n", iterations);
                times.millisLargestFirst().forEach((k, v) -> err.printf("  %-36s %9.1f ms%n", k, v));
                err.flush();
            }
            return ExitCode.OK;
        }
    }

    private float[][] clip(Codec codec, int rate) {
        int channels = codec.spec().architecture().channels();
        float[][] source;
        if (audio != null) {
            dev.encodecparity.audio.Audio input = AudioFiles.read(audio);
            dev.encodecparity.verify.Clip.check(audio, input, codec.spec(), false);
            source = input.samples();
        } else {
            Path speech = ReferenceClips.home().resolve("testdata/audio/speech_" + rate + "hz_" + channels + "ch.wav");
            source = Files.exists(speech) ? AudioFiles.read(speech).samples() : noise(channels, rate);
        }
        int n = (int) Math.round(seconds * rate);
        float[][] out = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] = source[c][i % source[c].length];
            }
        }
        return out;
    }

    private static float[][] noise(int channels, int n) {
        Random r = new Random(0);
        float[][] x = new float[channels][n];
        for (float[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = (float) (0.1 * r.nextGaussian());
            }
        }
        return x;
    }

    /**
     * Median, min and max seconds, the spread: (max - min) / median, how far one run may be from another; and every
     * run's seconds in the order they ran, so that a spread can be told apart as one slow run or a drift.
     */
    private static void put(ObjectNode o, String what, double[] s) {
        double min = Arrays.stream(s).min().orElse(Double.NaN);
        double max = Arrays.stream(s).max().orElse(Double.NaN);
        o.put(what + "_median_s", median(s));
        o.put(what + "_min_s", min);
        o.put(what + "_max_s", max);
        o.put(what + "_spread", (max - min) / median(s));
        var runs = o.putArray(what + "_runs_s");
        Arrays.stream(s).forEach(runs::add);
    }

    private static double median(double[] s) {
        double[] c = s.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
