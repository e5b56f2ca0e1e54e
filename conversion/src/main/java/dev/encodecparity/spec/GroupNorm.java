package dev.encodecparity.spec;

import java.util.List;

/**
 * The GroupNorm(1, C) after a convolution of a {@code time_group_norm} model: an affine {@code weight} and {@code bias}
 * over the conv's output channels, under a key prefix of its own next to the conv's.
 */
public record GroupNorm(Conv conv) implements TensorModule {
    public TensorSlot weight() {
        return new TensorSlot("weight", new long[] {conv.out()});
    }

    public TensorSlot bias() {
        return new TensorSlot("bias", new long[] {conv.out()});
    }

    @Override
    public List<TensorSlot> tensors() {
        return List.of(weight(), bias());
    }
}
