package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.tensor.NonFinite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An EnCodec model on DJL, ready to encode and decode, reproducing the original implementation's arithmetic: per-chunk
 * normalisation, chunking with overlap, the SEANet encoder, residual vector quantization, the decoder and the linear
 * overlap-add.
 *
 * <p>Owns its weights (one capped manager on its device); every call works in a manager of its own that is closed
 * before the call returns, so a long run's memory stays flat. Not thread-safe: one caller at a time.
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
    private StepTimes times;

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
    }

    /** Builds the model from a source (which the caller still owns and closes). */
    public static Codec load(ModelSource source, ComputeDevice device) {
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
        return spec;
    }

    public EngineInfo info() {
        return device.info();
    }

    /** Starts summing each module's wall time into {@code times} (null stops it). */
    public void profileInto(StepTimes times) {
        this.times = times;
    }

    /** Where the model came from, for reports. */
    public String source() {
        return source;
    }

    /** The file its weights were read from (a checkpoint or a model.safetensors), for messages. */
    public Path file() {
        return file;
    }

    /**
     * The weights that hold NaN or infinities (as float32), found while loading: one pass over the values as they were
     * widened. A model with any is broken whatever its outputs look like.
     */
    public List<NonFinite.Found> nonFiniteWeights() {
        return nonFiniteWeights;
    }

    /** Codebooks at a bandwidth; the bandwidth must be one of the model's. */
    public int codebooksFor(double bandwidthKbps) {
        for (double b : spec.bandwidths()) {
            if (Math.abs(b - bandwidthKbps) < 1e-9) {
                return spec.codebooksFor(b);
            }
        }
        throw BadInputException.option("bandwidth " + bandwidthKbps + " kbps is not one of this model's: "
                + spec.bandwidths());
    }

    public EncodedAudio encode(float[][] audio, int codebooks) {
        return encode(audio, codebooks, null);
    }

    /**
     * Encodes one clip {@code [channels][samples]} with the first {@code codebooks} codebooks.
     *
     * @param tracer receives every module's output, or null
     */
    public EncodedAudio encode(float[][] audio, int codebooks, Tracer tracer) {
        return encodeBatch(List.<float[][]>of(audio), codebooks, tracer).get(0);
    }

    /**
     * Encodes several clips. Each clip is cut into chunks as the original does; chunks are independent in the original
     * (own normalisation, own GroupNorm statistics), so chunks of equal length, of one clip or of several, run as one
     * batch, which turns the LSTM's matrix-vector steps into matrix products. The arithmetic per chunk is the
     * original's; a larger matrix product may round differently in the last bit. A traced run goes one chunk at a
     * time, in order, so that two traces line up.
     */
    public List<EncodedAudio> encodeBatch(List<float[][]> clips, int codebooks, Tracer tracer) {
        clips.forEach(this::checkAudio);
        if (codebooks < 1 || codebooks > quantizer.codebooks()) {
            throw new IllegalArgumentException("codebooks must be 1.." + quantizer.codebooks());
        }
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            int length = clips.get(i)[0].length;
            int segment = spec.chunked() ? spec.segmentLength() : length;
            int stride = spec.chunked() ? spec.segmentStride() : Math.max(length, 1);
            int chunk = 0;
            for (int offset = 0; offset < length || chunk == 0; offset += stride, chunk++) {
                pieces.add(new Piece(i, chunk, offset, Math.max(0, Math.min(segment, length - offset))));
            }
        }
        long[][][][] codes = new long[clips.size()][][][];
        float[][] scales = new float[clips.size()][];
        NonFinite.Count[] encoderOutput = new NonFinite.Count[clips.size()];
        java.util.Arrays.fill(encoderOutput, NonFinite.Count.NONE);
        for (int i = 0; i < clips.size(); i++) {
            final int clip = i;
            int chunks = (int) pieces.stream().filter(p -> p.clip() == clip).count();
            codes[i] = new long[chunks][][];
            scales[i] = new float[chunks];
        }
        for (List<Piece> batch : batches(pieces, tracer != null, Piece::length)) {
            encodePieces(clips, batch, codebooks, tracer, codes, scales, encoderOutput);
        }
        List<EncodedAudio> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            out.add(new EncodedAudio(List.of(codes[i]), spec.normalize() ? scales[i] : null, encoderOutput[i]));
        }
        return out;
    }

    /** One chunk of one clip (or codes of one item): where it starts and how long it is. */
    private record Piece(int clip, int chunk, int offset, int length) {
    }

    /** At most this many pieces run together. */
    private static final int MAX_BATCH = 16;
    /**
     * ... and at most this many samples per channel in total, so that a batch's activations stay of a size the caches
     * and the allocator handle well (measured in benchmarks/README.md).
     */
    private static final int MAX_BATCH_SAMPLES = Integer.getInteger("encodecparity.batchSamples", 1 << 19);

    /** Pieces with equal keys together, at most {@link #MAX_BATCH} at a time; one at a time when tracing. */
    private static List<List<Piece>> batches(List<Piece> pieces, boolean oneByOne,
            java.util.function.Function<Piece, Object> key) {
        List<List<Piece>> out = new ArrayList<>();
        if (oneByOne) {
            pieces.forEach(p -> out.add(List.of(p)));
            return out;
        }
        java.util.Map<Object, List<Piece>> byKey = new java.util.LinkedHashMap<>();
        pieces.forEach(p -> byKey.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p));
        for (List<Piece> same : byKey.values()) {
            int size = Math.max(1, Math.min(MAX_BATCH, MAX_BATCH_SAMPLES / Math.max(1, same.get(0).length())));
            for (int i = 0; i < same.size(); i += size) {
                out.add(same.subList(i, Math.min(same.size(), i + size)));
            }
        }
        return out;
    }

    private void encodePieces(List<float[][]> clips, List<Piece> batch, int codebooks, Tracer tracer,
            long[][][][] codes, float[][] scales, NonFinite.Count[] encoderOutput) {
        int b = batch.size();
        int channels = spec.architecture().channels();
        int n = batch.get(0).length();
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            float[] flat = new float[b * channels * n];
            for (int i = 0; i < b; i++) {
                Piece p = batch.get(i);
                System.arraycopy(slice(clips.get(p.clip()), p.offset(), n), 0, flat, i * channels * n, channels * n);
            }
            NDArray x = call.create(flat, new Shape(b, channels, n));
            float[] s = null;
            if (spec.normalize()) {
                NDArray scale = scale(x);
                x = x.div(scale);
                s = scale.toFloatArray();
                for (int i = 0; i < b; i++) {
                    scales[batch.get(i).clip()][batch.get(i).chunk()] = s[i];
                }
            }
            Tracer.ModuleSink sink = tracer == null ? null : tracer.forChunk(batch.get(0).chunk());
            if (sink != null) {
                sink.record("input", "normalised input", x.getShape().getShape(), x.toFloatArray());
            }
            NDArray latents = encoder.forward(x, sink, times);
            NonFinite.Count[] counts = NonFiniteCheck.encoderOutput(latents, s, b);
            long[][][] c = quantizer.encode(latents, codebooks, sink);
            for (int i = 0; i < b; i++) {
                codes[batch.get(i).clip()][batch.get(i).chunk()] = c[i];
                encoderOutput[batch.get(i).clip()] = encoderOutput[batch.get(i).clip()].plus(counts[i]);
            }
        }
    }

    /**
     * How far apart two candidate codes are for one frame of a clip: this model's distance to {@code code} minus its
     * distance to {@code other}, with the rounding bound of that difference. Used to tell a near tie (two entries
     * equally near within float32 rounding) from a real difference.
     */
    public DistanceMargin margin(float[][] audio, int chunk, int frame, int codebook, long code, long other) {
        checkAudio(audio);
        int length = audio[0].length;
        int offset = spec.chunked() ? chunk * spec.segmentStride() : 0;
        int n = spec.chunked() ? Math.min(spec.segmentLength(), length - offset) : length;
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            NDArray x = call.create(slice(audio, offset, n), new Shape(1, audio.length, n));
            if (spec.normalize()) {
                x = x.div(scale(x));
            }
            float[] d = quantizer.distances(encoder.forward(x, null, null), frame, codebook);
            int dimension = spec.architecture().dimension();
            // The distance expression sums D products and three terms of size up to |x|^2 + |e|^2, each in float32.
            double tolerance = 4 * Math.sqrt(dimension) * Math.ulp(1f) * d[d.length - 1];
            return new DistanceMargin(d[(int) code] - d[(int) other], tolerance, d[d.length - 1]);
        }
    }

    /** The original's per-chunk scale: {@code mono = mean over channels; 1e-8 + sqrt(mean_t(mono^2))}, [B, 1, 1]. */
    private static NDArray scale(NDArray x) {
        return x.mean(new int[] {1}, true).pow(2).mean(new int[] {2}, true).sqrt().add(1e-8f);
    }

    public float[][] decode(EncodedAudio codes) {
        return decode(codes, null);
    }

    /**
     * Decodes to {@code [channels][samples]}: each chunk's frames times the hop length, and for chunking models the
     * original's linear overlap-add of the chunks (total {@code stride * (chunks - 1) + last chunk's length}).
     */
    public float[][] decode(EncodedAudio codes, Tracer tracer) {
        return decodeBatch(List.of(codes), tracer).get(0);
    }

    /**
     * Decodes several codes. Chunks decode independently in the original, so chunks with the same frame count run
     * as one batch (see {@link #encodeBatch}); each item's chunks are then scaled and overlap-added as the original
     * does. A traced run goes one chunk at a time, in order.
     */
    public List<float[][]> decodeBatch(List<EncodedAudio> items, Tracer tracer) {
        items.forEach(this::checkCodes);
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            for (int k = 0; k < items.get(i).chunks(); k++) {
                long[][] c = items.get(i).codes().get(k);
                pieces.add(new Piece(i, k, 0, c[0].length * spec.architecture().hopLength())); // output samples
            }
        }
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            NDArray[][] frames = new NDArray[items.size()][];
            for (int i = 0; i < items.size(); i++) {
                frames[i] = new NDArray[items.get(i).chunks()];
            }
            // A batch needs the same frames and the same number of codebooks.
            for (List<Piece> batch : batches(pieces, tracer != null,
                    p -> List.of(p.length(), items.get(p.clip()).codebooks()))) {
                long[][][] chunkCodes = new long[batch.size()][][];
                for (int i = 0; i < batch.size(); i++) {
                    chunkCodes[i] = items.get(batch.get(i).clip()).codes().get(batch.get(i).chunk());
                }
                Tracer.ModuleSink sink = tracer == null ? null : tracer.forChunk(batch.get(0).chunk());
                NDArray emb = quantizer.decode(call, chunkCodes);
                if (sink != null) {
                    sink.record("quantizer.decode", "summed embeddings", emb.getShape().getShape(), emb.toFloatArray());
                }
                NDArray out = decoder.forward(emb, sink, times);
                for (int i = 0; i < batch.size(); i++) {
                    Piece p = batch.get(i);
                    NDArray frame = batch.size() == 1 ? out : out.get(new NDIndex("{}:{}", i, i + 1));
                    float[] scales = items.get(p.clip()).scales();
                    frames[p.clip()][p.chunk()] = scales == null ? frame : frame.mul(scales[p.chunk()]);
                }
            }
            List<float[][]> result = new ArrayList<>();
            int channels = spec.architecture().channels();
            for (int i = 0; i < items.size(); i++) {
                List<NDArray> f = List.of(frames[i]);
                NDArray y = spec.chunked() ? Ops.overlapAdd(call, f, spec.segmentStride()) : f.get(0);
                float[] flat = y.toFloatArray();
                if (tracer != null) {
                    tracer.record(items.get(i).chunks() - 1, "output", "decoded audio", y.getShape().getShape(), flat);
                }
                result.add(split(flat, channels));
            }
            return result;
        }
    }

    private void checkAudio(float[][] audio) {
        int channels = spec.architecture().channels();
        if (audio.length != channels) {
            throw BadInputException.option("the model expects " + channels + " channel" + (channels == 1 ? "" : "s")
                    + ", the audio has " + audio.length);
        }
        for (float[] c : audio) {
            if (c.length != audio[0].length) {
                throw new IllegalArgumentException("channels of different lengths");
            }
        }
    }

    /** Checks that this model can decode {@code codes}: chunking, scales, codebook count, frames, code range. */
    public void checkCodes(EncodedAudio codes) {
        if (!spec.chunked() && codes.chunks() != 1) {
            throw BadInputException.option("the codes have " + codes.chunks() + " chunks; this model does not chunk, so"
                    + " it decodes exactly one");
        }
        if ((codes.scales() != null) != spec.normalize()) {
            throw BadInputException.option(spec.normalize() ? "the codes have no scales; this model normalises and"
                    + " needs one per chunk" : "the codes have scales; this model does not normalise");
        }
        int bins = spec.architecture().bins();
        for (int k = 0; k < codes.chunks(); k++) {
            long[][] c = codes.codes().get(k);
            if (c.length < 1 || c.length > quantizer.codebooks()) {
                throw BadInputException.option("chunk " + k + " has " + c.length + " codebooks; the model has 1.."
                        + quantizer.codebooks());
            }
            for (int q = 0; q < c.length; q++) {
                if (c[q].length != c[0].length || c[q].length == 0) {
                    throw BadInputException.option("chunk " + k + " codebook " + q + " has " + c[q].length
                            + " frames, codebook 0 has " + c[0].length);
                }
                for (int t = 0; t < c[q].length; t++) {
                    if (c[q][t] < 0 || c[q][t] >= bins) {
                        throw BadInputException.option("code " + c[q][t] + " at chunk " + k + ", codebook " + q
                                + ", frame " + t + " is outside the model's " + bins + " codebook entries");
                    }
                }
            }
        }
    }

    private static float[] slice(float[][] audio, int offset, int n) {
        float[] flat = new float[audio.length * n];
        for (int c = 0; c < audio.length; c++) {
            System.arraycopy(audio[c], offset, flat, c * n, n);
        }
        return flat;
    }

    private static float[][] split(float[] flat, int channels) {
        int n = flat.length / channels;
        float[][] out = new float[channels][n];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(flat, c * n, out[c], 0, n);
        }
        return out;
    }

    @Override
    public void close() {
        weights.close();
    }
}
