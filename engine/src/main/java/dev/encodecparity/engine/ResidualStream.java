package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * A residual block on a clip that arrives in blocks: {@code shortcut(x) + block(x)} as in the whole-clip block
 * ({@link Seanet}), each branch streamed. A centred convolution answers later than the shortcut (its right padding
 * waits for samples), so each branch's samples wait here until the other branch has produced them too.
 */
final class ResidualStream implements StreamStep {
    private final StreamStep first;
    private final StreamStep second;
    private final StreamStep shortcut;
    private final NDManager state;
    private NDArray block;
    private NDArray skip;

    /**
     * @param first ELU then the k3 convolution's stream
     * @param second ELU then the k1 convolution's stream
     * @param shortcut the 1x1 convolution's stream, or null for the identity
     */
    ResidualStream(StreamStep first, StreamStep second, StreamStep shortcut, NDManager state) {
        this.first = first;
        this.second = second;
        this.shortcut = shortcut;
        this.state = state;
    }

    @Override
    public NDArray push(NDArray x) {
        if (x == null) {
            return null;
        }
        NDArray y = second.push(elu(first.push(elu(x))));
        return sum(y, shortcut == null ? x : shortcut.push(x));
    }

    @Override
    public NDArray finish() {
        NDArray y = StreamStep.join(second.push(elu(first.finish())), second.finish());
        NDArray out = sum(y, shortcut == null ? null : shortcut.finish());
        if (block != null || skip != null) {
            throw new IllegalStateException("the residual branches ended at different lengths");
        }
        return out;
    }

    /** Queues each branch's new samples and returns the sum of what both have produced. */
    private NDArray sum(NDArray y, NDArray s) {
        NDArray b = StreamStep.join(block, y);
        NDArray k = StreamStep.join(skip, s);
        long n = Math.min(StreamStep.length(b), StreamStep.length(k));
        // shortcut first, as the original's shortcut(x) + block(x)
        NDArray out = n == 0 ? null : head(k, n).add(head(b, n));
        block = StreamStep.keep(state, block, rest(b, n));
        skip = StreamStep.keep(state, skip, rest(k, n));
        return out;
    }

    private static NDArray head(NDArray x, long n) {
        return Ops.length(x) == n ? x : x.get(new NDIndex("..., :{}", n));
    }

    /** The samples after the first {@code n}, copied (they outlive the block), or null when none. */
    private static NDArray rest(NDArray x, long n) {
        return StreamStep.length(x) == n ? null : x.get(new NDIndex("..., {}:", n)).duplicate();
    }

    /** ELU of a block's samples, if any. */
    private static NDArray elu(NDArray x) {
        return x == null ? null : Ops.elu(x);
    }
}
