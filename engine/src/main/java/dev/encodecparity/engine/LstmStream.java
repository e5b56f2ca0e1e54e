package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The SLSTM block on frames that arrive in blocks: the LSTM's state ({@code h} and {@code c} of every layer) after a
 * block is the next block's initial state, so the output equals the LSTM's over all frames at once (one step per
 * frame either way; only the input projection's matrix product is split).
 */
final class LstmStream implements StreamStep {
    private final NDList params;
    private final int layers;
    private final int hidden;
    private final NDManager state;
    private NDArray h;
    private NDArray c;

    LstmStream(NDList params, int layers, int hidden, NDManager state) {
        this.params = params;
        this.layers = layers;
        this.hidden = hidden;
        this.state = state;
    }

    @Override
    public NDArray push(NDArray x) {
        if (x == null) {
            return null;
        }
        NDList out = Ops.lstm(x, params, layers, hidden, h == null ? null : new NDList(h, c));
        h = StreamStep.keep(state, h, out.get(1));
        c = StreamStep.keep(state, c, out.get(2));
        return out.get(0);
    }

    @Override
    public NDArray finish() {
        h = StreamStep.keep(state, h, null);
        c = StreamStep.keep(state, c, null);
        return null;
    }
}
