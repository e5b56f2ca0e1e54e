package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.spec.Codebook;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.ResidualQuantizer;
import dev.encodecparity.spec.TensorSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * The residual vector quantizer. Encoding keeps the original's exact distance expression and operand layout, because
 * a code is the argmax of float32 distances and any change of rounding can flip a near tie:
 * {@code dist = -(sum(x^2, 1) - 2x @ E^T + sum((E^T)^2, 0))}, with {@code E^T} a transposed view of the stored
 * {@code [bins, D]} codebook as in torch; the first index wins ties.
 */
final class Quantizer {
    /** @param maxSquared the largest {@code |e|^2}, for the size of a margin's terms (read once, before sealing) */
    private record Book(NDArray embed, NDArray embedT, NDArray embedTSquared, float maxSquared) {
    }

    private final List<Book> books = new ArrayList<>();
    private final int dimension;

    Quantizer(ModelSpec spec, Weights w, KeyLayout layout) {
        this.dimension = spec.architecture().dimension();
        for (Codebook c : ResidualQuantizer.of(spec.architecture()).codebooks()) {
            for (TensorSlot buffer : c.trainingState()) {
                w.values(layout.key(c, buffer)); // training state: read, checked, not used
            }
            NDArray embed = w.create(w.values(layout.key(c, c.embed())), c.bins(), c.dim());
            NDArray embedT = embed.transpose();
            NDArray squared = Ops.square(embedT).sum(new int[] {0}, true);
            // The weights' manager is sealed after loading: a value derived later from a weight would land in it.
            float maxSquared;
            try (NDArray max = squared.max()) {
                maxSquared = max.toFloatArray()[0];
            }
            books.add(new Book(embed, embedT, squared, maxSquared));
        }
    }

    int codebooks() {
        return books.size();
    }

    /**
     * Codes of {@code emb [B, D, T]} for the first {@code n} codebooks, as {@code [B][n][T]}.
     */
    long[][][] encode(NDArray emb, int n, Tracer.ModuleSink tracer) {
        long b = emb.getShape().get(0);
        long t = emb.getShape().get(2);
        NDList indices = new NDList();
        // The residual is kept as the original's distance code sees it, [B * T, D] contiguous (its rearrange makes
        // this copy for every codebook), and updated in place: a subtraction rounds the same in any layout.
        NDArray residual = emb.transpose(0, 2, 1).reshape(b * t, dimension).duplicate();
        for (int q = 0; q < n; q++) {
            // Each codebook's distances ([B * T, bins]) are freed before the next: kept for all 32 codebooks of
            // encodec_24khz, they were most of an encode's memory (docs/reliability.md).
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                Book book = books.get(q);
                NDArray idx = nearest(residual, book);
                residual.subi(Ops.embedding(idx, book.embed()));
                NDArray codes = idx.reshape(b, t);
                NDScope.unregister(codes);
                indices.add(codes);
                tracer.record("quantizer." + q, "codes of codebook " + q, new long[] {b, t},
                        () -> toFloats(idx.toLongArray()));
            }
        }
        residual.close();
        long[] flat = n == 0 ? new long[0] : NDArrays.stack(indices, 1).toLongArray(); // [B, n, T]
        long[][][] codes = new long[(int) b][n][(int) t];
        for (int i = 0; i < b; i++) {
            for (int q = 0; q < n; q++) {
                System.arraycopy(flat, (int) ((i * n + q) * t), codes[i][q], 0, (int) t);
            }
        }
        return codes;
    }

    /**
     * The distances of one frame's residual at codebook {@code q} to every entry (larger is nearer), after quantizing
     * codebooks {@code 0..q-1} the usual way; and the size of the terms they were computed from.
     *
     * @return {@code [bins]} distances, then one more value: {@code |x|^2 + max |e|^2}
     */
    float[] distances(NDArray emb, int frame, int q) {
        long t = emb.getShape().get(2);
        NDArray residual = emb;
        for (int i = 0; i < q; i++) {
            Book book = books.get(i);
            NDArray x = residual.transpose(0, 2, 1).reshape(t, dimension);
            NDArray quantized = Ops.embedding(distances(x, book).argMax(1), book.embed()).reshape(1, t, dimension)
                    .transpose(0, 2, 1);
            residual = residual.sub(quantized);
        }
        Book book = books.get(q);
        NDArray x = residual.transpose(0, 2, 1).reshape(t, dimension);
        float[] row = distances(x, book).get(frame).toFloatArray();
        float[] out = java.util.Arrays.copyOf(row, row.length + 1);
        out[row.length] = Ops.square(x.get(frame)).sum().toFloatArray()[0] + book.maxSquared();
        return out;
    }

    /**
     * The nearest entry of each row of {@code x}: the argmax of {@link #distances}, the same values in fewer passes
     * and without a new array per term. With {@code p = 2x @ E^T}, {@code s = sum(x^2, 1)} and
     * {@code e = sum((E^T)^2, 0)}, the original computes {@code -((s - p) + e)}; this computes {@code (p - s) - e} in
     * place on {@code p}. Rounding to nearest is symmetric, so {@code p - s} is exactly {@code -(s - p)} and the
     * second step exactly {@code -((s - p) + e)}: the same float32 values (a zero's sign aside, which argmax does not
     * see), so the same codes and the same first index of a tie.
     */
    private static NDArray nearest(NDArray x, Book book) {
        NDArray d = x.add(x).matMul(book.embedT()); // x + x is 2x exactly, in a quarter of the time of mul(2f)
        d.subi(Ops.square(x).sum(new int[] {1}, true));
        d.subi(book.embedTSquared());
        return d.argMax(1);
    }

    /** The original's distance expression, term for term: {@code -(sum(x^2, 1) - 2x @ E^T + sum((E^T)^2, 0))}. */
    private static NDArray distances(NDArray x, Book book) {
        return Ops.square(x).sum(new int[] {1}, true).sub(x.mul(2f).matMul(book.embedT())).add(book.embedTSquared())
                .neg();
    }

    /** The summed embedding of codes {@code [B][n][T]}: {@code [B, D, T]}, added in codebook order from zero. */
    NDArray decode(NDManager manager, long[][][] codes) {
        int b = codes.length;
        int n = codes[0].length;
        int t = codes[0][0].length;
        NDArray sum = null;
        for (int q = 0; q < n; q++) {
            long[] flat = new long[b * t];
            for (int i = 0; i < b; i++) {
                System.arraycopy(codes[i][q], 0, flat, i * t, t);
            }
            NDArray idx = manager.create(flat, new Shape(b, t));
            NDArray e = Ops.embedding(idx, books.get(q).embed()); // [B, T, D], contiguous
            if (sum == null) {
                sum = e; // 0.0 + e0 is e0 exactly
            } else {
                // In place and in the embeddings' own layout: the same sums element by element as the original's
                // adds of [B, D, T] views, and a contiguous add is vectorised where one on transposed views is not
                // (32 codebooks of encodec_24khz: about 3 ms against 3 to 17 ms at 2 threads).
                sum.addi(e);
                e.close();
            }
            idx.close();
        }
        return sum == null ? null : sum.transpose(0, 2, 1);
    }

    private static float[] toFloats(long[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }
}
