package dev.encodecparity.spec;

import java.util.ArrayList;
import java.util.List;

/** The SLSTM: {@code layers} layers of torch's {@code nn.LSTM} of width {@code dim}, with a skip connection. */
public record Lstm(Side side, int index, int dim, int layers) implements SeanetLayer, TensorModule {
    /** Per layer {@code l}: {@code weight_ih_l}, {@code weight_hh_l} {@code [4 dim, dim]}, then both biases. */
    @Override
    public List<TensorSlot> tensors() {
        List<TensorSlot> out = new ArrayList<>();
        long gates = 4L * dim;
        for (int layer = 0; layer < layers; layer++) {
            out.add(new TensorSlot("weight_ih_l" + layer, new long[] {gates, dim}));
            out.add(new TensorSlot("weight_hh_l" + layer, new long[] {gates, dim}));
            out.add(new TensorSlot("bias_ih_l" + layer, new long[] {gates}));
            out.add(new TensorSlot("bias_hh_l" + layer, new long[] {gates}));
        }
        return out;
    }
}
