package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.encodecparity.spec.PadMode;

/**
 * A stride-1 {@link ChannelsLast} convolution whose padding the convolution makes itself, instead of reading a padded
 * copy of its input: oneDNN pads with zeros inside its kernel, so the copy, one more pass over an array of up to 30 MB
 * written and read again, is not made. Zeros are the padding of {@link PadMode#CONSTANT} models as they are. For
 * {@link PadMode#REFLECT} the few outputs whose window reaches past an end (as many as the padding there) are computed
 * again from a reflect-padded slice of that end and written over the ones the zeros gave; every other output reads no
 * padding, so it is the same sum either way.
 *
 * <p>Used where it was not measured slower: even padding (the convolution pads the same zeros at both ends; a causal
 * model's, all on the left, keeps the copy) of inputs of {@link #SMALLEST} values or more. encodec_48khz's encode +
 * decode took about 2% less (medians of eight interleaved rounds, faster in six; benchmarks/README.md). Trimming a
 * causal convolution's surplus outputs made encodec_24khz's residual blocks up to 25% slower, and the end slices'
 * small convolutions cost more than the copy beside the LSTM (150 frames).
 */
final class ConvolutionPadding {
    /** Input values (batch x channels x samples) from which the copy costs more than the end slices. */
    static final long SMALLEST = 1L << 20;

    private ConvolutionPadding() {
    }

    /**
     * Whether a stride-1 convolution of reach {@code reach} ({@link ConvUnit#kernel}) pads {@code x} here with
     * {@code left} and {@code right} samples: some padding, even, an input of {@link #SMALLEST} values or more, and for
     * reflections one long enough for the end slices ({@link #endSamples}).
     */
    static boolean applies(NDArray x, int reach, int left, int right, PadMode mode) {
        if (left == 0 || left != right || x.size() < SMALLEST) {
            return false;
        }
        return mode == PadMode.CONSTANT || Ops.length(x) > endSamples(reach, left);
    }

    /**
     * {@link ChannelsLast#conv1d} of {@code x} padded with {@code padding} samples at each end in {@code mode}, stride
     * 1, without the padded copy; the same output as padding first, for inputs {@link #applies} admits.
     */
    static NDArray conv1d(NDArray x, NDArray weight, NDArray bias, int dilation, int reach, int padding,
            PadMode mode) {
        NDArray y;
        try (NDScope scope = new NDScope()) { // the end slices and their outputs go on return
            scope.suppressNotUsedWarning();
            y = ChannelsLast.conv1d(x, weight, bias, 1, dilation, padding);
            if (mode == PadMode.REFLECT) {
                fixEnds(x, y, weight, bias, dilation, reach, padding);
            }
            NDScope.unregister(y);
        }
        NDScope.register(y);
        return y;
    }

    /** Input samples an end's outputs read from {@code x}: the window's reach, and the mirror's source. */
    private static int endSamples(int reach, int padding) {
        return Math.max(reach - 1, padding + 1);
    }

    /**
     * The {@code padding} outputs at each end recomputed from that end's reflect-padded slice of {@link #endSamples},
     * written over {@code y}'s.
     */
    private static void fixEnds(NDArray x, NDArray y, NDArray weight, NDArray bias, int dilation, int reach,
            int padding) {
        int n = endSamples(reach, padding);
        NDArray start = ChannelsLast.pad1d(x.get(new NDIndex(":, :, :{}", n)), padding, 0, PadMode.REFLECT);
        NDArray first = ChannelsLast.conv1d(start, weight, bias, 1, dilation, 0);
        y.set(new NDIndex(":, :, :{}", padding), first.get(new NDIndex(":, :, :{}", padding)));
        NDArray end = ChannelsLast.pad1d(x.get(new NDIndex(":, :, {}:", Ops.length(x) - n)), 0, padding,
                PadMode.REFLECT);
        NDArray last = ChannelsLast.conv1d(end, weight, bias, 1, dilation, 0);
        y.set(new NDIndex(":, :, {}:", Ops.length(y) - padding),
                last.get(new NDIndex(":, :, {}:", Ops.length(last) - padding)));
    }
}
