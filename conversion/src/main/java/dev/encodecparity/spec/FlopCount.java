package dev.encodecparity.spec;

import java.util.List;

/**
 * Floating-point operations of an encode or a decode, counted from the architecture: two per multiply-accumulate of
 * every convolution, transposed convolution, LSTM gate and quantizer distance product. Element-wise work (ELU,
 * GroupNorm, padding, additions) is left out; it is a few percent of the total and memory-bound anyway.
 */
public final class FlopCount {
    private FlopCount() {
    }

    /** FLOPs to encode {@code samples} samples per channel with {@code codebooks} codebooks, chunking as the model
     * does. */
    public static double encode(ModelSpec spec, long samples, int codebooks) {
        double total = 0;
        for (long chunk : chunkLengths(spec, samples)) {
            long length = chunk;
            for (TensorModule m : SeanetStack.encoder(spec.architecture()).tensorModules()) {
                if (m instanceof Conv c) {
                    long out = (length + c.stride() - 1) / c.stride();
                    total += 2.0 * c.in() * c.out() * c.kernel() * out;
                    if (c.role() == Conv.Role.MAIN) {
                        length = out;
                    }
                } else if (m instanceof Lstm l) {
                    total += lstm(l, length);
                }
            }
            int bins = spec.architecture().bins();
            total += 2.0 * length * spec.architecture().dimension() * bins * codebooks;
        }
        return total;
    }

    /** FLOPs to decode the codes of {@code samples} samples per channel. */
    public static double decode(ModelSpec spec, long samples) {
        double total = 0;
        int hop = spec.architecture().hopLength();
        for (long chunk : chunkLengths(spec, samples)) {
            long length = (chunk + hop - 1) / hop;
            for (TensorModule m : SeanetStack.decoder(spec.architecture()).tensorModules()) {
                if (m instanceof Conv c) {
                    if (c.transposed()) {
                        total += 2.0 * c.in() * c.out() * c.kernel() * length;
                        length *= c.stride();
                    } else {
                        total += 2.0 * c.in() * c.out() * c.kernel() * length;
                    }
                } else if (m instanceof Lstm l) {
                    total += lstm(l, length);
                }
            }
        }
        return total;
    }

    private static double lstm(Lstm l, long steps) {
        // per layer and step: four gates, each a [H x (I + H)] matrix-vector product (I = H here)
        return 2.0 * 4 * l.dim() * (2.0 * l.dim()) * l.layers() * steps;
    }

    private static List<Long> chunkLengths(ModelSpec spec, long samples) {
        if (!spec.chunked()) {
            return List.of(samples);
        }
        List<Long> out = new java.util.ArrayList<>();
        for (long offset = 0; offset < samples; offset += spec.segmentStride()) {
            out.add(Math.min(spec.segmentLength(), samples - offset));
        }
        return out;
    }
}
