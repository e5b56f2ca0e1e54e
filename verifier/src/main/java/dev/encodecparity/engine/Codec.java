package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.compare.CodeComparison;
import dev.encodecparity.model.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.spec.ModelSpec;
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

    private Codec(ModelSpec spec, ComputeDevice device, Weights weights, Seanet encoder, Seanet decoder,
            Quantizer quantizer, String source) {
        this.spec = spec;
        this.device = device;
        this.weights = weights;
        this.encoder = encoder;
        this.decoder = decoder;
        this.quantizer = quantizer;
        this.source = source;
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
            return new Codec(spec, device, w, enc, dec, q, source.description());
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

    /** Where the model came from, for reports. */
    public String source() {
        return source;
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
     * Encodes clips of equal length as one batch (what a GPU wants). Each clip is normalised on its own and its codes
     * follow the same arithmetic as alone, though a larger matrix product may round differently in the last bit.
     */
    public List<EncodedAudio> encodeBatch(List<float[][]> clips, int codebooks, Tracer tracer) {
        for (float[][] a : clips) {
            checkAudio(a);
            if (a[0].length != clips.get(0)[0].length) {
                throw new IllegalArgumentException("a batch needs clips of equal length");
            }
        }
        if (codebooks < 1 || codebooks > quantizer.codebooks()) {
            throw new IllegalArgumentException("codebooks must be 1.." + quantizer.codebooks());
        }
        int b = clips.size();
        int channels = spec.architecture().channels();
        int length = clips.get(0)[0].length;
        int segment = spec.chunked() ? spec.segmentLength() : length;
        int stride = spec.chunked() ? spec.segmentStride() : Math.max(length, 1);
        List<List<long[][]>> codes = new ArrayList<>();
        List<List<Float>> scales = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            codes.add(new ArrayList<>());
            scales.add(new ArrayList<>());
        }
        int chunk = 0;
        for (int offset = 0; offset < length || chunk == 0; offset += stride, chunk++) {
            int n = Math.max(0, Math.min(segment, length - offset));
            try (NDManager call = NDManager.newBaseManager(device.device())) {
                float[] flat = new float[b * channels * n];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(slice(clips.get(i), offset, n), 0, flat, i * channels * n, channels * n);
                }
                NDArray x = call.create(flat, new Shape(b, channels, n));
                if (spec.normalize()) {
                    NDArray scale = scale(x);
                    x = x.div(scale);
                    float[] s = scale.toFloatArray();
                    for (int i = 0; i < b; i++) {
                        scales.get(i).add(s[i]);
                    }
                }
                Tracer.ModuleSink sink = tracer == null ? null : tracer.forChunk(chunk);
                if (sink != null) {
                    sink.record("input", "normalised input", x.getShape().getShape(), x.toFloatArray());
                }
                long[][][] c = quantizer.encode(encoder.forward(x, sink), codebooks, sink);
                for (int i = 0; i < b; i++) {
                    codes.get(i).add(c[i]);
                }
            }
            if (length == 0) {
                break;
            }
        }
        List<EncodedAudio> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            float[] s = null;
            if (spec.normalize()) {
                s = new float[scales.get(i).size()];
                for (int k = 0; k < s.length; k++) {
                    s[k] = scales.get(i).get(k);
                }
            }
            out.add(new EncodedAudio(codes.get(i), s));
        }
        return out;
    }

    /**
     * How far apart two candidate codes are for one frame of a clip: this model's distance to {@code code} minus its
     * distance to {@code other}, with the rounding bound of that difference. Used to tell a near tie (two entries
     * equally near within float32 rounding) from a real difference.
     */
    public CodeComparison.Margin margin(float[][] audio, int chunk, int frame, int codebook, long code, long other) {
        checkAudio(audio);
        int length = audio[0].length;
        int offset = spec.chunked() ? chunk * spec.segmentStride() : 0;
        int n = spec.chunked() ? Math.min(spec.segmentLength(), length - offset) : length;
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            NDArray x = call.create(slice(audio, offset, n), new Shape(1, audio.length, n));
            if (spec.normalize()) {
                x = x.div(scale(x));
            }
            float[] d = quantizer.distances(encoder.forward(x, null), frame, codebook);
            int dimension = spec.architecture().dimension();
            // The distance expression sums D products and three terms of size up to |x|^2 + |e|^2, each in float32.
            double tolerance = 4 * Math.sqrt(dimension) * Math.ulp(1f) * d[d.length - 1];
            return new CodeComparison.Margin(d[(int) code] - d[(int) other], tolerance, d[d.length - 1]);
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

    /** Decodes codes of the same layout (chunks, codebooks, frames) as one batch. */
    public List<float[][]> decodeBatch(List<EncodedAudio> batch, Tracer tracer) {
        for (EncodedAudio codes : batch) {
            checkCodes(codes);
            if (codes.chunks() != batch.get(0).chunks() || codes.codebooks() != batch.get(0).codebooks()) {
                throw new IllegalArgumentException("a batch needs codes of the same layout");
            }
        }
        int b = batch.size();
        EncodedAudio first = batch.get(0);
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            List<NDArray> frames = new ArrayList<>();
            for (int k = 0; k < first.chunks(); k++) {
                long[][][] chunkCodes = new long[b][][];
                for (int i = 0; i < b; i++) {
                    chunkCodes[i] = batch.get(i).codes().get(k);
                    if (chunkCodes[i][0].length != first.codes().get(k)[0].length) {
                        throw new IllegalArgumentException("a batch needs codes of the same layout");
                    }
                }
                Tracer.ModuleSink sink = tracer == null ? null : tracer.forChunk(k);
                NDArray emb = quantizer.decode(call, chunkCodes);
                if (sink != null) {
                    sink.record("quantizer.decode", "summed embeddings", emb.getShape().getShape(), emb.toFloatArray());
                }
                NDArray out = decoder.forward(emb, sink);
                if (first.scales() != null) {
                    float[] s = new float[b];
                    for (int i = 0; i < b; i++) {
                        s[i] = batch.get(i).scales()[k];
                    }
                    out = out.mul(call.create(s, new Shape(b, 1, 1))); // original: out * scale.view(-1, 1, 1)
                }
                frames.add(out);
            }
            NDArray y = spec.chunked() ? overlapAdd(call, frames, spec.segmentStride()) : frames.get(0);
            float[] flat = y.toFloatArray();
            if (tracer != null) {
                tracer.record(first.chunks() - 1, "output", "decoded audio", y.getShape().getShape(), flat);
            }
            int channels = spec.architecture().channels();
            int per = flat.length / b;
            List<float[][]> out = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                out.add(split(java.util.Arrays.copyOfRange(flat, i * per, (i + 1) * per), channels));
            }
            return out;
        }
    }

    /**
     * The original's {@code _linear_overlap_add}: triangular weights {@code 0.5 - |t - 0.5|} over
     * {@code linspace(0, 1, N + 2)[1:-1]} (N = the first frame's length), weighted sum, divided by the summed weights.
     */
    private static NDArray overlapAdd(NDManager call, List<NDArray> frames, int stride) {
        long frameLength = Ops.length(frames.get(0));
        long total = 0;
        for (int i = 0; i < frames.size(); i++) {
            total = Math.max(total, (long) stride * i + Ops.length(frames.get(i)));
        }
        NDArray t = call.linspace(0f, 1f, (int) frameLength + 2).get(new NDIndex("1:{}", frameLength + 1));
        NDArray weight = t.sub(0.5f).abs().neg().add(0.5f);
        Shape shape = frames.get(0).getShape();
        NDArray out = call.zeros(new Shape(shape.get(0), shape.get(1), total));
        NDArray sumWeight = call.zeros(new Shape(total));
        long offset = 0;
        for (NDArray frame : frames) {
            long n = Ops.length(frame);
            NDArray w = weight.get(new NDIndex(":{}", n));
            NDIndex where = new NDIndex("..., {}:{}", offset, offset + n);
            out.set(where, out.get(where).add(w.mul(frame)));
            NDIndex span = new NDIndex("{}:{}", offset, offset + n);
            sumWeight.set(span, sumWeight.get(span).add(w));
            offset += stride;
        }
        return out.div(sumWeight);
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

    private void checkCodes(EncodedAudio codes) {
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
