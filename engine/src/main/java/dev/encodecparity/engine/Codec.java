package dev.encodecparity.engine;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioSink;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.chunks.Batches;
import dev.encodecparity.engine.chunks.ChunkPlan;
import dev.encodecparity.engine.chunks.OverlapAdd;
import dev.encodecparity.engine.chunks.SourceWindow;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.tensor.NonFinite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * An EnCodec model on DJL, ready to encode and decode, reproducing the original implementation's arithmetic: per-chunk
 * normalisation, chunking with overlap ({@link ChunkPlan}), the SEANet encoder, residual vector quantization, the
 * decoder and the linear overlap-add ({@link OverlapAdd}).
 *
 * <p>Owns its weights (one capped manager on its device); every call works in a manager of its own that is closed
 * before the call returns, so a long run's memory stays flat. After {@link #close} every method throws
 * {@link IllegalStateException}. Not thread-safe: one caller at a time.
 */
public final class Codec implements AutoCloseable {
    private final ModelSpec spec;
    private final ComputeDevice device;
    private final Weights weights;
    private final Seanet encoder;
    private final Seanet decoder;
    private final Quantizer quantizer;
    private final String source;
    private final Path file;
    private final List<NonFinite.Found> nonFiniteWeights;
    private final ChunkPlan chunkPlan;
    private final InputChecks inputs;
    private final Streaming streaming;
    private final ChunkStream chunkStream;
    private final ChunkEncoder chunkEncoder;
    private final BatchDecode batchDecode;
    private StepTimes times = StepTimes.NONE;
    private boolean closed;

    private Codec(ModelSpec spec, ComputeDevice device, Weights weights, Seanet encoder, Seanet decoder,
            Quantizer quantizer, ModelSource source) {
        this.spec = spec;
        this.device = device;
        this.weights = weights;
        this.encoder = encoder;
        this.decoder = decoder;
        this.quantizer = quantizer;
        this.source = source.description();
        this.file = source.file();
        this.nonFiniteWeights = source.nonFiniteWeights();
        this.chunkPlan = ChunkPlan.of(spec);
        this.inputs = new InputChecks(spec, quantizer.codebooks());
        this.streaming = new Streaming(spec, device, encoder, decoder, quantizer);
        this.chunkEncoder = new ChunkEncoder(spec, device, encoder, quantizer, chunkPlan);
        this.batchDecode = new BatchDecode(spec, chunkPlan, device, decoder, quantizer);
        this.chunkStream = new ChunkStream(chunkPlan, device, decoder, quantizer, spec.architecture().channels(),
                spec.architecture().hopLength());
    }

    /** Builds the model from a source (which the caller still owns and closes). */
    public static Codec load(ModelSource source, ComputeDevice device) {
        ComputeDevice.inferenceOnThisThread(); // loading computes too (weight norm), on the caller's thread
        Weights w = new Weights(source, device);
        try {
            ModelSpec spec = source.spec();
            Seanet enc = Seanet.encoder(spec, w, source.layout());
            Quantizer q = new Quantizer(spec, w, source.layout());
            Seanet dec = Seanet.decoder(spec, w, source.layout());
            w.seal();
            return new Codec(spec, device, w, enc, dec, q, source);
        } catch (RuntimeException e) {
            w.close();
            throw e;
        }
    }

    public ModelSpec spec() {
        checkOpen();
        return spec;
    }

    public dev.encodecparity.provenance.OutputProvenance.Engine info() {
        checkOpen();
        return device.info();
    }

    /** Starts summing each module's wall time into {@code times} ({@link StepTimes#NONE} stops it). */
    public void profileInto(StepTimes times) {
        checkOpen();
        this.times = Objects.requireNonNull(times, "times (StepTimes.NONE for none)");
    }

    /** Where the model came from, for reports. */
    public String source() {
        checkOpen();
        return source;
    }

    /** The file its weights were read from (a checkpoint or a model.safetensors), for messages. */
    public Path file() {
        checkOpen();
        return file;
    }

    /**
     * The weights that hold NaN or infinities (as float32), found while loading: one pass over the values as they were
     * widened. A model with any is broken whatever its outputs look like.
     */
    public List<NonFinite.Found> nonFiniteWeights() {
        checkOpen();
        return nonFiniteWeights;
    }

    /** Codebooks at a bandwidth; the bandwidth must be one of the model's. */
    public int codebooksFor(double bandwidthKbps) {
        checkOpen();
        return inputs.codebooksFor(bandwidthKbps);
    }

    public EncodedAudio encode(float[][] audio, int codebooks) {
        return encode(audio, codebooks, Tracer.NONE);
    }

    /**
     * Encodes one clip {@code [channels][samples]} with the first {@code codebooks} codebooks.
     *
     * @param tracer receives every module's output ({@link Tracer#NONE} for none)
     */
    public EncodedAudio encode(float[][] audio, int codebooks, Tracer tracer) {
        return encodeBatch(List.<float[][]>of(audio), codebooks, tracer).get(0);
    }

    /**
     * Encodes one clip whole ({@link #encode(float[][], int)}) or streamed: an unchunked model's layers in blocks
     * ({@link Streaming}), a chunking model's chunks batch by batch (which whole-clip encoding already does), so that
     * the engine's memory does not grow with the clip. Streamed codes are the whole-clip codes (chunks: bit for bit;
     * blocks: up to the rounding of a smaller product, which can flip a near tie).
     *
     * @throws IllegalStateException streamed, for a model that cannot stream ({@link #streams()})
     */
    public EncodedAudio encode(float[][] audio, int codebooks, boolean streamed) {
        return streamed ? encodeStreamed(audio, codebooks, Streaming.DEFAULT_BLOCK) : encode(audio, codebooks);
    }

    /** Streamed encoding in blocks of {@code block} samples (tests make them small). */
    EncodedAudio encodeStreamed(float[][] audio, int codebooks, int block) {
        checkOpen();
        inputs.audio(audio);
        return encodeStreamed(AudioSource.of(Audio.withoutSampleRate(audio)), codebooks, block);
    }

    /**
     * Encodes, streamed, the clip a source reads (already at the model's rate and channels): the source is read as
     * the blocks or chunks need it, so neither the engine nor the host holds the clip. The codes are those of
     * {@link #encode(float[][], int, boolean) streamed encoding}; the caller still owns and closes the source.
     */
    public EncodedAudio encode(AudioSource audio, int codebooks) {
        return encodeStreamed(audio, codebooks, Streaming.DEFAULT_BLOCK);
    }

    private EncodedAudio encodeStreamed(AudioSource audio, int codebooks, int block) {
        checkOpen();
        inputs.channels(audio.channels());
        inputs.codebooks(codebooks);
        if (!spec.chunked()) {
            return streaming.encode(audio, codebooks, block, times);
        }
        List<ChunkEncoder.ClipSamples> clip = List.of(ChunkEncoder.ClipSamples.of(new SourceWindow(audio)));
        return chunkEncoder.encode(clip, codebooks, Tracer.NONE, times).get(0);
    }

    /**
     * Whether this model can run a clip streamed: a chunking model always; an unchunked one unless it normalises over
     * the whole clip (per-clip normalisation or {@code time_group_norm}).
     */
    public boolean streams() {
        checkOpen();
        return MemoryEstimate.streamable(spec);
    }

    public List<EncodedAudio> encodeBatch(List<float[][]> clips, int codebooks) {
        return encodeBatch(clips, codebooks, Tracer.NONE);
    }

    /**
     * Encodes several clips. Each clip is cut into chunks as the original does, and chunks of equal length, of one
     * clip or of several, run as one batch ({@link Batches}). The arithmetic per chunk is the original's; a larger
     * matrix product may round differently in the last bit. A traced run goes one chunk at a time, in order, so that
     * two traces line up.
     */
    public List<EncodedAudio> encodeBatch(List<float[][]> clips, int codebooks, Tracer tracer) {
        checkOpen();
        Objects.requireNonNull(tracer, "tracer (Tracer.NONE for none)");
        clips.forEach(inputs::audio);
        inputs.codebooks(codebooks);
        List<ChunkEncoder.ClipSamples> samples = new ArrayList<>();
        clips.forEach(c -> samples.add(ChunkEncoder.ClipSamples.of(c)));
        return chunkEncoder.encode(samples, codebooks, tracer, times);
    }

    /**
     * How far apart two candidate codes are for one frame of a clip: this model's distance to {@code code} minus its
     * distance to {@code other}, with the rounding bound of that difference. Used to tell a near tie (two entries
     * equally near within float32 rounding) from a real difference.
     */
    public DistanceMargin margin(float[][] audio, int chunk, int frame, int codebook, long code, long other) {
        checkOpen();
        inputs.audio(audio);
        return chunkEncoder.margin(audio, chunk, frame, codebook, code, other);
    }

    public float[][] decode(EncodedAudio codes) {
        return decode(codes, Tracer.NONE);
    }

    /**
     * Decodes to {@code [channels][samples]}: each chunk's frames times the hop length, and for chunking models the
     * original's linear overlap-add of the chunks (total {@code stride * (chunks - 1) + last chunk's length}).
     */
    public float[][] decode(EncodedAudio codes, Tracer tracer) {
        return decodeBatch(List.of(codes), tracer).get(0);
    }

    /** Decodes whole ({@link #decode(EncodedAudio)}) or streamed, as {@link #encode(float[][], int, boolean)}. */
    public float[][] decode(EncodedAudio codes, boolean streamed) {
        return streamed ? decodeStreamed(codes, Streaming.DEFAULT_BLOCK / spec.architecture().hopLength())
                : decode(codes);
    }

    /** Streamed decoding in blocks of {@code blockFrames} frames (a chunking model: batch by batch), collected. */
    float[][] decodeStreamed(EncodedAudio codes, int blockFrames) {
        float[][] out = new float[spec.architecture().channels()][Math.toIntExact(decodedLength(codes))];
        int[] at = {0};
        decodeStreamed(codes, blockFrames, (block, n) -> {
            for (int c = 0; c < out.length; c++) {
                System.arraycopy(block[c], 0, out[c], at[0], n);
            }
            at[0] += n;
        });
        return out;
    }

    /**
     * Decodes, streamed, into a sink (created for {@link #decodedLength} frames; the caller finishes and closes it):
     * the decoded audio goes to the sink block by block as it becomes final, so neither the engine nor the host
     * holds the clip. The samples are those of {@link #decode(EncodedAudio, boolean) streamed decoding}.
     *
     * @return the non-finite samples written, for the caller to refuse the file
     */
    public NonFinite.Count decode(EncodedAudio codes, AudioSink sink) throws IOException {
        NonFinite.Count[] count = {NonFinite.Count.NONE};
        try {
            decodeStreamed(codes, Streaming.DEFAULT_BLOCK / spec.architecture().hopLength(), (block, n) -> {
                for (float[] channel : block) {
                    count[0] = count[0].plus(NonFinite.count(n == channel.length ? channel
                            : Arrays.copyOf(channel, n)));
                }
                try {
                    sink.write(block, 0, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }

    private void decodeStreamed(EncodedAudio codes, int blockFrames, OverlapAdd.Output out) {
        checkOpen();
        inputs.codes(codes);
        if (spec.chunked()) {
            chunkStream.decode(codes, times, out);
        } else {
            streaming.decode(codes, Math.max(1, blockFrames), times, out);
        }
    }

    /** Samples per channel that decoding {@code codes} gives (frames times the hop; chunks overlap-added). */
    public long decodedLength(EncodedAudio codes) {
        checkOpen();
        int hop = spec.architecture().hopLength();
        if (!spec.chunked()) {
            return (long) codes.codes().get(0)[0].length * hop;
        }
        int[] lengths = new int[codes.chunks()];
        for (int k = 0; k < lengths.length; k++) {
            lengths[k] = Math.multiplyExact(codes.codes().get(k)[0].length, hop);
        }
        return OverlapAdd.totalLength(chunkPlan.stride(), lengths);
    }

    public List<float[][]> decodeBatch(List<EncodedAudio> items) {
        return decodeBatch(items, Tracer.NONE);
    }

    /**
     * Decodes several codes. Chunks decode independently in the original, so chunks with the same frame count run
     * as one batch (see {@link #encodeBatch}); each item's chunks are then scaled and overlap-added as the original
     * does. A traced run goes one chunk at a time, in order.
     */
    public List<float[][]> decodeBatch(List<EncodedAudio> items, Tracer tracer) {
        checkOpen();
        Objects.requireNonNull(tracer, "tracer (Tracer.NONE for none)");
        items.forEach(inputs::codes);
        return batchDecode.decode(items, tracer, times, false);
    }

    /**
     * Decodes several codes of one clip (its bandwidths, say) as {@link #decodeBatch} does, except that the
     * decoder's LSTM runs once for all items of equal frame count ({@link BatchDecode}): much faster on a CPU, where
     * the LSTM's steps are bound by reading its weights, and within float32 rounding of decoding each alone, not
     * bit for bit. The same items give the same bits every time.
     */
    public List<float[][]> decodeSharingLstm(List<EncodedAudio> items) {
        checkOpen();
        items.forEach(inputs::codes);
        return batchDecode.decode(items, Tracer.NONE, times, true);
    }

    /**
     * A clip's codes (its bandwidths, say) for a caller that takes them one at a time: a whole clip's decoded at once,
     * as {@link #decodeSharingLstm} does; a streamed clip's ({@link #decode(EncodedAudio, boolean)}) each when asked,
     * so that only the one at hand is held (a streamed clip is a long one: an hour of encodec_24khz audio is 345 MB per
     * decode).
     *
     * @return an item's index to its audio; a streamed item is decoded at every call
     */
    public IntFunction<float[][]> decodesOfClip(List<EncodedAudio> items, boolean streamed) {
        checkOpen(); // also for an empty list, which would otherwise return without touching the model
        if (!streamed) {
            return decodeSharingLstm(items)::get;
        }
        return i -> decode(items.get(i), true);
    }

    /** Checks that this model can decode {@code codes}: chunking, scales, codebook count, frames, code range. */
    public void checkCodes(EncodedAudio codes) {
        checkOpen();
        inputs.codes(codes);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Codec is closed");
        }
        ComputeDevice.inferenceOnThisThread(); // every public call may come from another thread
    }

    /** Frees the weights; closing again does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            weights.close();
        }
    }
}
