package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.function.UnaryOperator;

/**
 * One layer of SEANet run on a clip that arrives in blocks: each block's output is the part of the whole-clip output
 * that the samples so far decide, and {@link #finish} gives the rest once the clip has ended, so that the outputs
 * joined are the whole-clip output. What a layer needs from earlier blocks (a convolution's left context, the LSTM's
 * state, a transposed convolution's overlap) it keeps itself, in a manager that lives as long as the stream.
 *
 * <p>Arrays: {@code null} stands for no samples. An output is the caller's to close; an input stays the caller's
 * (a step copies what it keeps). Temporaries belong to the caller's {@link NDScope}.
 */
interface StreamStep {
    /** The output this block decides ({@code null}: none yet); {@code x} is {@code [B, C, n]} or {@code null}. */
    NDArray push(NDArray x);

    /** The clip has ended: the rest of the output ({@code null}: none). */
    NDArray finish();

    /** A layer with no memory of earlier samples (ELU): each block's output is its function of the block. */
    static StreamStep pointwise(UnaryOperator<NDArray> f) {
        return new StreamStep() {
            @Override
            public NDArray push(NDArray x) {
                return x == null ? null : f.apply(x);
            }

            @Override
            public NDArray finish() {
                return null;
            }
        };
    }

    /** {@code a} then {@code b} along time, either possibly {@code null}. */
    static NDArray join(NDArray a, NDArray b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return ChannelsLast.appliesTo(a.getDevice()) ? ChannelsLast.concat(a, b) : a.concat(b, -1);
    }

    /**
     * Makes {@code now} the array a step keeps from block to block in place of {@code old}: moved into the stream's
     * {@code state} manager and out of the current scope, so it outlives the block, and {@code old} freed (a view of
     * it that {@code now} may be keeps its storage alive, as torch counts references).
     */
    static NDArray keep(NDManager state, NDArray old, NDArray now) {
        if (now != null && now != old) {
            NDScope.unregister(now);
            now.attach(state);
        }
        if (old != null && old != now) {
            old.close();
        }
        return now;
    }

    /** Samples along time. */
    static long length(NDArray x) {
        return x == null ? 0 : Ops.length(x);
    }
}
