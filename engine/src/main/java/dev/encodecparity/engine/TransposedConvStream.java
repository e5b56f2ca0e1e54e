package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * A transposed convolution of {@link ConvUnit} on frames that arrive in blocks, equal to the unit on all of them.
 *
 * <p>In its polyphase form ({@link Ops#convTranspose1d}) output frame {@code t} (samples {@code t * stride} on) is an
 * ordinary convolution of input frames {@code t - m + 1 .. t}, zeros before the first: so each block is computed with
 * the previous block's last {@code m - 1} frames as context, and its samples are final at once (the overlap of
 * neighbouring frames' windows is what the context carries). When the frames end, {@code m - 1} frames of zeros give
 * the tail of the last windows. The untrimmed output, {@code (frames - 1) * stride + kernel} samples, loses
 * {@link ConvUnit#trimLeft} samples at its start and {@link ConvUnit#trimRight} at its end, as in the unit.
 */
final class TransposedConvStream implements StreamStep {
    private final ConvUnit unit;
    private final NDManager state;
    private final int context;
    /** The last {@link #context} input frames. */
    private NDArray last;
    private long frames;
    /** Samples of the untrimmed output computed so far. */
    private long produced;

    TransposedConvStream(ConvUnit unit, NDManager state) {
        this.unit = unit;
        this.state = state;
        this.context = unit.taps() - 1;
    }

    @Override
    public NDArray push(NDArray x) {
        if (x == null) {
            return null;
        }
        NDArray in = last != null ? StreamStep.join(last, x) : context > 0 ? unit.zeros(x, context, 0) : x;
        frames += Ops.length(x);
        if (context > 0) {
            last = StreamStep.keep(state, last, in.get(new NDIndex("..., {}:", Ops.length(in) - context))
                    .duplicate());
        }
        return trimmed(unit.phases(in), Long.MAX_VALUE);
    }

    @Override
    public NDArray finish() {
        if (frames == 0) {
            return null;
        }
        long end = unit.untrimmedLength(frames) - unit.trimRight();
        NDArray y = null;
        if (end > produced && context > 0) {
            y = trimmed(unit.phases(unit.zeros(last, 0, context)), end);
        }
        if (produced < end) {
            throw new IllegalStateException("streamed " + produced + " samples of " + end);
        }
        last = StreamStep.keep(state, last, null);
        return y;
    }

    /** Of untrimmed samples {@code y} (from {@link #produced} on), those after the left trim and before {@code end}. */
    private NDArray trimmed(NDArray y, long end) {
        long from = produced;
        long to = produced + Ops.length(y);
        produced = Math.min(to, end);
        long keepFrom = Math.max(from, unit.trimLeft());
        long keepTo = Math.min(to, end);
        if (keepFrom >= keepTo) {
            return null;
        }
        return keepFrom == from && keepTo == to ? y : y.get(new NDIndex("..., {}:{}", keepFrom - from, keepTo - from));
    }
}
