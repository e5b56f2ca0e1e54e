package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.engine.chunks.ChunkPlan;
import dev.encodecparity.engine.chunks.PlanarAudio;
import dev.encodecparity.engine.chunks.SourceWindow;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.tensor.NonFinite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Clips encoded chunk by chunk as the original cuts them ({@link ChunkPlan}; an unchunked model's clip is one chunk),
 * chunks of equal length, of one clip or of several, stacked into one batch ({@link Piece#batches}). Batches run in
 * the order of the clips' samples, each in a manager of its own, so a clip read through a {@link SourceWindow} is
 * encoded with only a batch's samples in memory, and its codes are the whole clip's bit for bit (the same batches).
 */
final class ChunkEncoder {
    /** A clip's samples as the encoder asks for them: in order, each piece once. */
    interface ClipSamples {
        long frames();

        /** Samples {@code [offset, offset + n)} of every channel, C order. */
        float[] cut(long offset, int n);

        /** No later piece reaches before {@code offset}. */
        void discardBefore(long offset);

        /** A clip held whole in memory. */
        static ClipSamples of(float[][] audio) {
            return new ClipSamples() {
                @Override
                public long frames() {
                    return audio[0].length;
                }

                @Override
                public float[] cut(long offset, int n) {
                    return PlanarAudio.cut(audio, Math.toIntExact(offset), n);
                }

                @Override
                public void discardBefore(long offset) {
                }
            };
        }

        /** A clip read through a window as it is needed. */
        static ClipSamples of(SourceWindow window) {
            return new ClipSamples() {
                @Override
                public long frames() {
                    return window.frames();
                }

                @Override
                public float[] cut(long offset, int n) {
                    return window.cut(offset, n);
                }

                @Override
                public void discardBefore(long offset) {
                    window.discardBefore(offset);
                }
            };
        }
    }

    private final ModelSpec spec;
    private final ComputeDevice device;
    private final Seanet encoder;
    private final Quantizer quantizer;
    private final ChunkPlan plan;

    ChunkEncoder(ModelSpec spec, ComputeDevice device, Seanet encoder, Quantizer quantizer, ChunkPlan plan) {
        this.spec = spec;
        this.device = device;
        this.encoder = encoder;
        this.quantizer = quantizer;
        this.plan = plan;
    }

    List<EncodedAudio> encode(List<ClipSamples> clips, int codebooks, Tracer tracer, StepTimes times) {
        List<Piece> pieces = new ArrayList<>();
        long[][][][] codes = new long[clips.size()][][][];
        float[][] scales = new float[clips.size()][];
        for (int i = 0; i < clips.size(); i++) {
            List<ChunkPlan.Chunk> chunks = plan.chunks(Math.toIntExact(clips.get(i).frames()));
            for (ChunkPlan.Chunk c : chunks) {
                pieces.add(new Piece(i, c.index(), c.offset(), c.length()));
            }
            codes[i] = new long[chunks.size()][][];
            scales[i] = new float[chunks.size()];
        }
        NonFinite.Count[] encoderOutput = new NonFinite.Count[clips.size()];
        Arrays.fill(encoderOutput, NonFinite.Count.NONE);
        for (List<Piece> batch : Piece.batches(pieces, tracer, Piece::length)) {
            encodePieces(clips, batch, codebooks, tracer, times, codes, scales, encoderOutput);
            for (Piece p : batch) {
                clips.get(p.clip()).discardBefore((p.chunk() + 1L) * plan.stride());
            }
        }
        List<EncodedAudio> out = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            out.add(new EncodedAudio(List.of(codes[i]), spec.normalize() ? scales[i] : null, encoderOutput[i]));
        }
        return out;
    }

    private void encodePieces(List<ClipSamples> clips, List<Piece> batch, int codebooks, Tracer tracer,
            StepTimes times, long[][][][] codes, float[][] scales, NonFinite.Count[] encoderOutput) {
        int b = batch.size();
        int channels = spec.architecture().channels();
        int n = batch.get(0).length();
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            float[] flat = new float[Math.multiplyExact(b * channels, n)];
            for (int i = 0; i < b; i++) {
                Piece p = batch.get(i);
                System.arraycopy(clips.get(p.clip()).cut(p.offset(), n), 0, flat, i * channels * n, channels * n);
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
            Tracer.ModuleSink sink = tracer.forChunk(batch.get(0).chunk());
            sink.record("input", "normalised input", x.getShape().getShape(), x::toFloatArray);
            NDArray latents = encoder.forward(x, sink, times);
            NonFinite.Count[] counts = NonFiniteCheck.encoderOutput(latents, s, b);
            long start = System.nanoTime();
            long[][][] c = quantizer.encode(latents, codebooks, sink);
            times.add("quantizer", "encode", System.nanoTime() - start);
            for (int i = 0; i < b; i++) {
                codes[batch.get(i).clip()][batch.get(i).chunk()] = c[i];
                encoderOutput[batch.get(i).clip()] = encoderOutput[batch.get(i).clip()].plus(counts[i]);
            }
        }
    }

    /** See {@link Codec#margin}: the distances of one frame of one chunk, recomputed alone. */
    DistanceMargin margin(float[][] audio, int chunk, int frame, int codebook, long code, long other) {
        ChunkPlan.Chunk c = plan.chunk(audio[0].length, chunk);
        try (NDManager call = NDManager.newBaseManager(device.device())) {
            NDArray x = call.create(PlanarAudio.cut(audio, c.offset(), c.length()),
                    new Shape(1, audio.length, c.length()));
            if (spec.normalize()) {
                x = x.div(scale(x));
            }
            float[] d = quantizer.distances(encoder.forward(x, Tracer.ModuleSink.NONE, StepTimes.NONE), frame,
                    codebook);
            int dimension = spec.architecture().dimension();
            // The distance expression sums D products and three terms of size up to |x|^2 + |e|^2, each in float32.
            double tolerance = 4 * Math.sqrt(dimension) * Math.ulp(1f) * d[d.length - 1];
            return new DistanceMargin(d[(int) code] - d[(int) other], tolerance, d[d.length - 1]);
        }
    }

    /**
     * The original's per-chunk scale: {@code mono = mean over channels; 1e-8 + sqrt(mean_t(mono^2))}, [B, 1, 1]. The
     * square is {@code mono * mono}: torch's {@code pow(2)} is exactly that product, DJL's {@code pow(2)} is not (see
     * {@link Ops#square}).
     */
    static NDArray scale(NDArray x) {
        long b = x.getShape().get(0);
        // One reduction per chunk, as the original makes it: how torch splits a sum between its threads depends on how
        // many rows it reduces, and a batch's rows summed together differed from the chunk alone in the last bit (one
        // of the three scales of the bundled long 48 kHz clip).
        NDList rows = new NDList();
        for (long i = 0; i < b; i++) {
            rows.add(chunkScale(x.get(i).expandDims(0)));
        }
        return NDArrays.concat(rows, 0);
    }

    private static NDArray chunkScale(NDArray chunk) {
        return Ops.square(chunk.mean(new int[] {1}, true)).mean(new int[] {2}, true).sqrt().add(1e-8f);
    }
}
