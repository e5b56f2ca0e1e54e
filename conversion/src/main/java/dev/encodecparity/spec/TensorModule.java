package dev.encodecparity.spec;

import java.util.List;

/**
 * A module that owns tensors directly, under one key prefix per layout: a convolution, the GroupNorm after one, an
 * LSTM, a codebook. Every tensor of a state dict belongs to exactly one of these.
 */
public sealed interface TensorModule permits Conv, GroupNorm, Lstm, Codebook {
    /** The module's tensors in the order torch registers them, which is the state dict's order. */
    List<TensorSlot> tensors();
}
