package dev.encodecparity.spec;

/**
 * One entry of a SEANet encoder's or decoder's {@code nn.Sequential}, at its index there: a convolution, a residual
 * block, the LSTM, or an ELU (which has no tensors but takes an index).
 */
public sealed interface SeanetLayer permits Conv, ResidualBlock, Lstm, Elu {
    Side side();

    /** The index in the side's {@code nn.Sequential}. */
    int index();
}
