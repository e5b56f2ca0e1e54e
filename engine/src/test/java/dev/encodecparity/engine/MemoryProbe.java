package dev.encodecparity.engine;

import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.spec.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Measures the peak resident set of one encode or decode: loads a model, warms up on a tenth of a second, reads the
 * high-water mark ({@code VmHWM}), runs the operation once on {@code seconds} of noise (decode: random codes of as
 * many frames) and reads it again. Run in its own JVM with a fixed, pre-touched heap ({@link MemoryEstimateTest}),
 * so the growth is native memory. Prints one line: {@code hwm_before_kb=... hwm_after_kb=... estimate_bytes=...}.
 *
 * <p>Arguments: checkpoint, config.json or {@code -}, {@code encode|decode} (or {@code encode-streamed},
 * {@code decode-streamed}: one clip, streamed), seconds, batch (clips at once).
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        Path config = args[1].equals("-") ? null : Path.of(args[1]);
        boolean encode = args[2].startsWith("encode");
        boolean streamed = args[2].endsWith("-streamed");
        double seconds = Double.parseDouble(args[3]);
        int batch = Integer.parseInt(args[4]);
        try (ModelSource source = ModelSource.original(checkpoint, "auto", config);
                Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            ModelSpec spec = codec.spec();
            int codebooks = codec.codebooksFor(spec.bandwidths().get(spec.bandwidths().size() - 1));
            run(codec, encode, streamed, 0.1, 1, codebooks);
            long before = hwmKb();
            long samples = (long) (seconds * spec.sampleRate());
            run(codec, encode, streamed, seconds, batch, codebooks);
            long after = hwmKb();
            long estimate = streamed ? MemoryEstimate.streamed(spec, samples).nativeBytes()
                    : encode ? MemoryEstimate.encode(spec, samples, batch).nativeBytes()
                    : MemoryEstimate.decode(spec, framesPerChunk(spec, samples), batch).nativeBytes();
            System.out.println("hwm_before_kb=" + before + " hwm_after_kb=" + after + " estimate_bytes=" + estimate);
        }
    }

    private static void run(Codec codec, boolean encode, boolean streamed, double seconds, int batch,
            int codebooks) {
        ModelSpec spec = codec.spec();
        int samples = (int) (seconds * spec.sampleRate());
        Random random = new Random(1);
        if (encode) {
            List<float[][]> clips = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                float[][] audio = new float[spec.architecture().channels()][samples];
                for (float[] channel : audio) {
                    for (int i = 0; i < samples; i++) {
                        channel[i] = (float) (random.nextGaussian() * 0.1);
                    }
                }
                clips.add(audio);
            }
            if (streamed) {
                codec.encode(clips.get(0), codebooks, true);
            } else {
                codec.encodeBatch(clips, codebooks);
            }
        } else {
            List<EncodedAudio> items = new ArrayList<>();
            for (int b = 0; b < batch; b++) {
                items.add(randomCodes(spec, samples, codebooks, random));
            }
            if (streamed) {
                codec.decode(items.get(0), true);
            } else {
                codec.decodeBatch(items);
            }
        }
    }

    /** Codes of as many chunks and frames as encoding {@code samples} would give. */
    private static EncodedAudio randomCodes(ModelSpec spec, long samples, int codebooks, Random random) {
        List<long[][]> chunks = new ArrayList<>();
        for (long frames : framesPerChunk(spec, samples)) {
            long[][] c = new long[codebooks][(int) frames];
            for (long[] row : c) {
                for (int t = 0; t < frames; t++) {
                    row[t] = random.nextInt(spec.architecture().bins());
                }
            }
            chunks.add(c);
        }
        float[] scales = null;
        if (spec.normalize()) {
            scales = new float[chunks.size()];
            java.util.Arrays.fill(scales, 0.1f);
        }
        return new EncodedAudio(chunks, scales);
    }

    /** The frames of each chunk that encoding {@code samples} samples gives, as the codec cuts them. */
    static List<Long> framesPerChunk(ModelSpec spec, long samples) {
        long hop = spec.architecture().hopLength();
        if (!spec.chunked()) {
            return List.of((samples + hop - 1) / hop);
        }
        List<Long> out = new ArrayList<>();
        for (long offset = 0; offset < samples || out.isEmpty(); offset += spec.segmentStride()) {
            long n = Math.min(spec.segmentLength(), samples - offset);
            out.add((n + hop - 1) / hop);
        }
        return out;
    }

    static long hwmKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM");
    }
}
