package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

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
 * the unit itself. The right padding is made when the clip ends, from the last samples, which are kept for it.
 */
final class ConvStream implements StreamStep {
    private final ConvUnit unit;
    private final NDManager state;
    private final int kernel;
    private final int stride;
    private final int left;
    private final int right;
    /** The input from padded position {@link #start} on; before the left padding is made, the raw input. */
    private NDArray buffer;
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
    }

    @Override
    public NDArray push(NDArray x) {
        if (x == null) {
            return null;
        }
        received += Ops.length(x);
        buffer = StreamStep.keep(state, buffer, buffer == null ? x.duplicate() : buffer.concat(x, -1));
        if (!padded) {
            // Longer than left and than right + extra (extra < stride): the padding never meets the clip's far end.
            if (received <= left + right + stride) {
                return null;
            }
            buffer = StreamStep.keep(state, buffer, Ops.pad1d(buffer, left, 0, unit.padMode()));
            padded = true;
        }
        return frames();
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
        buffer = StreamStep.keep(state, buffer, Ops.pad1d(buffer, 0, right + extra, unit.padMode()));
        NDArray y = frames();
        long expected = (received + stride - 1) / stride;
        if (next != expected) {
            throw new IllegalStateException("streamed " + next + " frames of " + expected);
        }
        buffer = StreamStep.keep(state, buffer, null);
        return y;
    }

    /** Every frame the buffer completes; then drops what no later frame and no right padding needs. */
    private NDArray frames() {
        long available = start + Ops.length(buffer);
        if (available < kernel || (available - kernel) / stride < next) {
            return null;
        }
        long last = (available - kernel) / stride;
        NDArray y = unit.convolve(buffer.get(new NDIndex("..., {}:{}", next * stride - start,
                last * stride + kernel - start)));
        next = last + 1;
        // The reflection at the clip's end reads its last right + extra + 1 samples, at most right + stride.
        long keepFrom = Math.max(start, Math.min(next * stride, available - right - stride));
        if (keepFrom > start) {
            // A copy, so that the block's storage, of which the kept samples are a small part, is freed.
            buffer = StreamStep.keep(state, buffer,
                    buffer.get(new NDIndex("..., {}:", keepFrom - start)).duplicate());
            start = keepFrom;
        }
        return y;
    }
}
