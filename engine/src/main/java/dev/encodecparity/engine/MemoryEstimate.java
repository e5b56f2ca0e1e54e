package dev.encodecparity.engine;

import dev.encodecparity.engine.chunks.Batches;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.SeanetStack;
import java.util.List;
import java.util.Locale;

/**
 * The memory a clip or a codes file needs to be encoded or decoded, estimated from the model's structure and the
 * audio's length before any work, so that a clip that cannot fit is refused with the figures instead of running out
 * of memory midway (or, with overcommitted memory, being killed).
 *
 * <p>Native memory (libtorch's arrays, as the launcher's allocator settings leave the resident set) grows with the
 * samples of one call (every clip of a batch together) times the width of the model's widest convolution: the
 * input plus output channels of the convolution that has the most per audio sample ({@link #width}; 64 for
 * encodec_24khz and encodec_48khz, 96 for encodec_32khz, 3 or 4 for the tiny test models):
 * {@code bytes = FIXED + (PER_SAMPLE + PER_WIDTH * width) * samples}, with one set of constants for encoding and one
 * for decoding. Java arrays of the audio (the clip, its batch copy, the output and its copy) are added. The constants
 * are fitted to peak resident sets measured at 5 to 60 s on the three presets and the three tiny models; every
 * estimate is between 0.5 and 2.0 times its measured peak (docs/reliability.md, "Resource bounds"). Chunking models
 * are estimated as if unchunked: their batches bound the arrays, but the allocator's resident set still grows with
 * the clip, at about half the rate.
 */
public final class MemoryEstimate {
    private static final long ENCODE_FIXED = 30_000_000;
    private static final double ENCODE_PER_SAMPLE = 70;
    private static final double ENCODE_PER_WIDTH = 10.5;
    // Lowered from 40 MB and 28 on 2026-12-06: channels-last convolutions (ChannelsLast) made the decoder's interleave
    // a view, and decodes peaked lower (encodec_24khz 10 s: 192-389 MB in eleven readings, against 487 MB estimated;
    // tiny_24khz 20 s: 48-68 MB against 127), past the factor MemoryEstimateTest allows.
    private static final long DECODE_FIXED = 30_000_000;
    private static final double DECODE_PER_SAMPLE = 70;
    private static final double DECODE_PER_WIDTH = 24;
    /** Float copies of the audio in the Java heap: the clip, its batch, the output, its channels' copy. */
    private static final int JAVA_COPIES = 4;

    /** Float copies of the audio in the Java heap when streamed: the clip, the decoded audio, a writer's copy. */
    private static final int STREAMED_JAVA_COPIES = 3;

    private final String what;
    private final long nativeBytes;
    private final long heapBytes;
    private final boolean streamed;

    private MemoryEstimate(String what, long nativeBytes, long heapBytes) {
        this(what, nativeBytes, heapBytes, false);
    }

    private MemoryEstimate(String what, long nativeBytes, long heapBytes, boolean streamed) {
        this.what = what;
        this.nativeBytes = nativeBytes;
        this.heapBytes = heapBytes;
        this.streamed = streamed;
    }

    /** "encoding 2 clips of 10.0 s", "decoding 7.4 h": the work, for messages. */
    private static String work(String verb, ModelSpec spec, double samplesPerItem, int items) {
        return verb + " " + (items > 1 ? items + " clips of " : "") + duration(samplesPerItem / spec.sampleRate());
    }

    /** Encoding {@code clips} clips of {@code samples} samples each in one call. */
    public static MemoryEstimate encode(ModelSpec spec, long samples, int clips) {
        double total = (double) samples * clips;
        double perSample = ENCODE_PER_SAMPLE + ENCODE_PER_WIDTH * width(spec, true);
        return of(work("encoding", spec, samples, clips), spec, total, ENCODE_FIXED + perSample * total);
    }

    /** Decoding codes of these chunks (frames per chunk), {@code items} such codes in one call. */
    public static MemoryEstimate decode(ModelSpec spec, List<Long> framesPerChunk, int items) {
        double frames = framesPerChunk.stream().mapToDouble(Long::doubleValue).sum();
        double perItem = frames * spec.architecture().hopLength();
        double total = perItem * items;
        double perSample = DECODE_PER_SAMPLE + DECODE_PER_WIDTH * width(spec, false);
        return of(work("decoding", spec, perItem, items), spec, total, DECODE_FIXED + perSample * total);
    }

    /** Encoding {@code clips} clips of {@code samples} samples and decoding their codes (verify, golden, bench). */
    public static MemoryEstimate encodeAndDecode(ModelSpec spec, long samples, int clips) {
        MemoryEstimate e = encode(spec, samples, clips);
        int hop = spec.architecture().hopLength();
        MemoryEstimate d = decode(spec, List.of((samples + hop - 1) / hop), clips);
        MemoryEstimate larger = e.bytes() >= d.bytes() ? e : d;
        return new MemoryEstimate(work("encoding and decoding", spec, samples, clips), larger.nativeBytes,
                larger.heapBytes);
    }

    /**
     * Whether the model can run a clip streamed: a chunking model always (its chunks are independent); an unchunked
     * one unless it normalises over the whole clip (per-clip normalisation or {@code time_group_norm}).
     */
    public static boolean streamable(ModelSpec spec) {
        return spec.chunked() || Streaming.layersStream(spec);
    }

    /**
     * Encoding and decoding one clip of {@code samples} samples streamed: the engine works on one block (a chunking
     * model: one batch of chunks), whatever the clip's length; the Java heap holds the codes and, where the work
     * keeps them, the clip and the decoded audio (verify, golden; not encode and decode, which read and write their
     * files a block at a time).
     */
    public static MemoryEstimate streamed(ModelSpec spec, long samples) {
        return streamed(spec, samples, STREAMED_JAVA_COPIES);
    }

    /**
     * As {@link #streamed(ModelSpec, long)}, with {@code heapCopies} float copies of the clip in the Java heap: none
     * where the clip is read from its file and the decoded audio written to its file block by block (encode, decode).
     */
    public static MemoryEstimate streamed(ModelSpec spec, long samples, int heapCopies) {
        Batches batches = Batches.DEFAULT;
        long block = spec.chunked() ? (long) spec.segmentLength()
                * Math.max(1, Math.min(batches.maxItems(), batches.maxSamples() / Math.max(1, spec.segmentLength())))
                : Math.min(samples, Streaming.DEFAULT_BLOCK);
        MemoryEstimate one = encodeAndDecode(spec, block, 1);
        var a = spec.architecture();
        double codes = (double) samples / a.hopLength() * a.nQ() * Long.BYTES;
        double heap = (double) samples * a.channels() * Float.BYTES * heapCopies + codes;
        return new MemoryEstimate(work("encoding and decoding", spec, samples, 1), one.nativeBytes, saturate(heap),
                true);
    }

    /**
     * Whether to stream a clip: when {@code asked} ({@code --stream}), or when the whole-clip estimate does not fit
     * and streaming needs less of the engine; the whole-clip path stays where it fits. Refuses, as {@link #check},
     * when the chosen way does not fit either (streamed, also when the clip's arrays exceed the JVM's heap), and
     * refuses {@code --stream} for a model that cannot stream.
     *
     * @param whole the whole-clip estimate of the work
     * @param samples the clip's samples per channel
     * @param input names the clip or codes file in messages
     */
    public static boolean chooseStreaming(ModelSpec spec, MemoryEstimate whole, long samples, boolean asked,
            String input) {
        return chooseStreaming(spec, whole, samples, asked, input, STREAMED_JAVA_COPIES);
    }

    /**
     * As {@link #chooseStreaming(ModelSpec, MemoryEstimate, long, boolean, String)} for work that holds
     * {@code heapCopies} float copies of the clip in the Java heap when streamed (0: read and written block by block).
     */
    public static boolean chooseStreaming(ModelSpec spec, MemoryEstimate whole, long samples, boolean asked,
            String input, int heapCopies) {
        if (asked && !streamable(spec)) {
            throw dev.encodecparity.common.BadInputException.option("--stream: this model normalises over the whole"
                    + " clip (time_group_norm or normalize without chunking), so it cannot stream");
        }
        MemoryEstimate streamed = null;
        if (streamable(spec)) { // the same work, described as the whole-clip estimate describes it
            MemoryEstimate s = streamed(spec, samples, heapCopies);
            streamed = new MemoryEstimate(whole.what, s.nativeBytes, s.heapBytes, true);
        }
        // A clip no longer than one block (or batch) runs the same either way: its figures are the whole clip's.
        if (!asked && (whole.fits() || streamed == null || streamed.nativeBytes >= whole.nativeBytes)) {
            whole.check(input);
            return false;
        }
        streamed.check(input);
        long heap = Runtime.getRuntime().maxMemory();
        if (streamed.heapBytes > heap) {
            throw new InsufficientMemoryException(input + ": " + streamed.what + " of audio needs about "
                    + format(streamed.heapBytes) + " of Java heap even streamed (the clip, its codes and the decoded"
                    + " audio as they are held), and the JVM may use " + format(heap) + "; give it more with -Xmx in"
                    + " ENCODEC_PARITY_JAVA_OPTS, or split the clip");
        }
        return true;
    }

    /** Whether the estimate is within the memory available (always, where the system gives no figure). */
    boolean fits() {
        return AvailableMemory.bytes().isEmpty() || bytes() <= AvailableMemory.bytes().getAsLong();
    }

    private static MemoryEstimate of(String what, ModelSpec spec, double samples, double nativeBytes) {
        double heap = samples * spec.architecture().channels() * Float.BYTES * JAVA_COPIES;
        return new MemoryEstimate(what, saturate(nativeBytes), saturate(heap));
    }

    private static long saturate(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) bytes;
    }

    /**
     * Input plus output channels per audio sample of the model's widest convolution, walking the encoder (or the
     * decoder) at each convolution's own rate.
     */
    static double width(ModelSpec spec, boolean encoder) {
        var a = spec.architecture();
        SeanetStack stack = encoder ? SeanetStack.encoder(a) : SeanetStack.decoder(a);
        double rate = encoder ? 1 : 1.0 / a.hopLength(); // the next convolution's input samples per audio sample
        double widest = 0;
        for (Conv c : stack.convs()) {
            double outRate = c.transposed() ? rate * c.stride() : rate / c.stride();
            widest = Math.max(widest, c.in() * rate + c.out() * outRate);
            rate = outRate;
        }
        return widest;
    }

    /** Native plus Java heap bytes. */
    public long bytes() {
        return saturate((double) nativeBytes + heapBytes);
    }

    /** libtorch's part alone (what a peak resident set measured with a fixed, pre-touched heap shows). */
    public long nativeBytes() {
        return nativeBytes;
    }

    /**
     * Refuses the work when the estimate exceeds the memory available ({@link AvailableMemory}); {@code input} names
     * the clip or codes file.
     */
    public void check(String input) {
        if (AvailableMemory.bytes().isEmpty()) {
            return; // not Linux: no figure to compare with
        }
        long available = AvailableMemory.bytes().getAsLong();
        if (bytes() > available) {
            throw new InsufficientMemoryException(input + ": " + what + " of audio needs"
                    + " about " + format(bytes()) + " of memory" + (streamed ? " even streamed" : "") + ", and "
                    + format(available) + " is available ("
                    + AvailableMemory.source() + "); split it into shorter clips or use a machine with more memory");
        }
    }

    private static String duration(double seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%.1f s (%.1f h)", seconds, seconds / 3600);
        }
        return seconds >= 120 ? String.format(Locale.ROOT, "%.1f s (%.1f min)", seconds, seconds / 60)
                : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    /** "1.5 GB", "850 MB": decimal units, as memory is sold. */
    public static String format(long bytes) {
        if (bytes >= 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.0f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }
}
