package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.spec.PadMode;

/**
 * A plain convolution of {@link ConvUnit} on a clip that arrives in blocks, equal to the unit on the whole clip.
 *
 * <p>The whole-clip unit pads the clip ({@code left} samples before it, {@code right + extra} after, where
 * {@code extra} completes the last window and depends on the clip's length) and computes output frame {@code t} from
 * padded samples {@code t * stride .. t * stride + kernel}. Here the padded input is kept from the first sample a
 * later frame needs, and each block computes every frame whose window the samples so far complete: a causal
 * convolution answers at once, a centred one {@code right} samples later. The left padding (a reflection of the first
 * samples, or zeros) is made once the clip is longer than every padding could be, so that the whole-clip rule for
 * clips shorter than their padding never applies to a clip that streams; a clip that ends before that is computed by
 * the unit itself. The right padding is made when the clip ends, from the last samples, which are kept for it (zeros
 * need none). A block is read in place; only the few samples a later block needs are copied and kept.
 */
final class ConvStream implements StreamStep {
    private final ConvUnit unit;
    private final NDManager state;
    private final int kernel;
    private final int stride;
    private final int left;
    private final int right;
    /** Samples kept for a reflection at the clip's end: it reads the last {@code right + extra + 1}. */
    private final int tail;
    /** The input from padded position {@link #start} on; before the left padding is made, the raw input. */
    private NDArray buffer;
    private long[] batchAndChannels;
    private long start;
    private long received;
    private long next;
    private boolean padded;

    ConvStream(ConvUnit unit, NDManager state) {
        this.unit = unit;
        this.state = state;
        this.kernel = unit.kernel();
        this.stride = unit.stride();
        this.left = unit.leftPadding();
        this.right = unit.rightPadding();
        boolean reflects = unit.padMode() == PadMode.REFLECT && right + stride - 1 > 0;
        this.tail = reflects ? right + stride : 0;
    }

    @Override
    public NDArray push(NDArray x) {
        if (x == null) {
            return null;
        }
        received += Ops.length(x);
        batchAndChannels = new long[] {x.getShape().get(0), x.getShape().get(1)};
        NDArray input = StreamStep.join(buffer, x); // from padded position start on
        if (!padded) {
            // Longer than left and than right + extra (extra < stride): the padding never meets the clip's far end.
            if (received <= left + right + stride) {
                buffer = StreamStep.keep(state, buffer, input == x ? x.duplicate() : input);
                return null;
            }
            input = unit.pad(input, left, 0);
            padded = true;
        }
        return frames(input);
    }

    @Override
    public NDArray finish() {
        if (!padded) {
            // A clip this short never started: the unit computes it whole, its own edge rules included.
            NDArray y = buffer == null ? null : unit.forward(buffer);
            buffer = StreamStep.keep(state, buffer, null);
            return y;
        }
        int extra = ConvUnit.extraPadding(Math.toIntExact(received), kernel, stride, kernel - stride);
        int end = right + extra;
        NDArray y = null;
        if (end > 0) {
            // Reflection keeps the samples it reads; zeros need none (the buffer may be empty).
            NDArray input = buffer != null ? unit.pad(buffer, 0, end)
                    : state.zeros(new Shape(batchAndChannels[0], batchAndChannels[1], end));
            y = frames(input);
        }
        long expected = (received + stride - 1) / stride;
        if (next != expected) {
            throw new IllegalStateException("streamed " + next + " frames of " + expected);
        }
        buffer = StreamStep.keep(state, buffer, null);
        return y;
    }

    /**
     * Every frame that {@code input} (the padded input from position {@link #start} on) completes; then keeps what a
     * later frame or the right padding needs, copied (the block's own storage is freed with the block).
     */
    private NDArray frames(NDArray input) {
        long available = start + Ops.length(input);
        NDArray y = null;
        if (available >= kernel && (available - kernel) / stride >= next) {
            long last = (available - kernel) / stride;
            y = unit.convolve(input.get(new NDIndex("..., {}:{}", next * stride - start,
                    last * stride + kernel - start)));
            next = last + 1;
        }
        long keepFrom = Math.max(start, Math.min(next * stride, available - tail));
        NDArray kept = keepFrom < available ? input.get(new NDIndex("..., {}:", keepFrom - start)).duplicate() : null;
        buffer = StreamStep.keep(state, buffer, kept);
        start = keepFrom;
        return y;
    }
}
