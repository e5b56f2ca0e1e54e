package dev.encodecparity.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.ConvWeight;
import dev.encodecparity.spec.GroupNorm;
import dev.encodecparity.spec.ModelSpec;
import dev.encodecparity.spec.PadMode;

/**
 * One streamable convolution of SEANet (original {@code SConv1d} / {@code SConvTranspose1d}, transformers
 * {@code EncodecConv1d} / {@code EncodecConvTranspose1d}): padding for causal or centred output, the conv, GroupNorm
 * when the model uses {@code time_group_norm}, and for transposed convs the trimming afterwards.
 */
final class ConvUnit {
    private static final double GROUP_NORM_EPS = 1e-5; // nn.GroupNorm's default, a double

    private final Conv conv;
    private final ModelSpec spec;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray gamma;
    private final NDArray beta;
    /** Whether {@link #weight} is {@link StrideFold}'s form: measured faster on the CPU only, so used there only. */
    private final boolean folded;
    /** Whether the unit's arrays are laid out {@link ChannelsLast}: its weights, its output, its padded input. */
    private final boolean channelsLast;
    /** Whether the convolution runs in the default layout and its output is copied channels-last for what follows. */
    private final boolean narrowInput;
    /** The weight's kernel as stored: the folded or polyphase form's taps. */
    private final int taps;

    ConvUnit(Conv conv, ModelSpec spec, Weights w, KeyLayout layout) {
        this.conv = conv;
        this.spec = spec;
        ConvWeight stored = conv.weight();
        float[] values = stored instanceof ConvWeight.WeightNormed wn
                ? w.weightNormed(layout.key(conv, wn.v()), layout.key(conv, wn.g()), wn.shape())
                : w.values(layout.key(conv, ((ConvWeight.Plain) stored).weight()));
        float[] biasValues = w.values(layout.key(conv, conv.bias()));
        NDManager m = w.manager();
        this.folded = StrideFold.applies(conv) && m.getDevice().getDeviceType().equals(Device.Type.CPU);
        long inChannels = (long) conv.in() * (folded ? conv.stride() : 1);
        this.channelsLast = ChannelsLast.appliesTo(m.getDevice(), inChannels);
        this.narrowInput = !conv.transposed() && ChannelsLast.takesOutput(m.getDevice(), inChannels);
        if (conv.transposed()) {
            int taps = (conv.kernel() + conv.stride() - 1) / conv.stride();
            this.weight = channelsLast
                    ? ChannelsLast.polyphaseWeight(m, values, conv.in(), conv.out(), conv.kernel(), conv.stride())
                    : w.create(Ops.polyphaseWeight(values, conv.in(), conv.out(), conv.kernel(), conv.stride()),
                            (long) conv.out() * conv.stride(), conv.in(), taps);
            this.bias = w.create(channelsLast ? ChannelsLast.polyphaseBias(biasValues, conv.stride())
                    : phaseBias(biasValues, conv.stride()), (long) conv.out() * conv.stride());
            this.taps = taps;
        } else if (folded) {
            this.weight = channelsLast
                    ? ChannelsLast.foldedWeight(m, values, conv.out(), conv.in(), conv.kernel(), conv.stride())
                    : w.create(StrideFold.weight(values, conv.out(), conv.in(), conv.kernel(), conv.stride()),
                            conv.out(), (long) conv.in() * conv.stride(), conv.kernel() / conv.stride());
            this.bias = w.create(biasValues, conv.out());
            this.taps = conv.kernel() / conv.stride();
        } else {
            this.weight = channelsLast ? ChannelsLast.weight(m, values, conv.out(), conv.in(), conv.kernel())
                    : w.create(values, stored.shape());
            this.bias = w.create(biasValues, conv.out());
            this.taps = conv.kernel();
        }
        GroupNorm norm = conv.groupNorm().orElse(null);
        if (norm != null) {
            this.gamma = w.create(w.values(layout.key(norm, norm.weight())), conv.out(), 1);
            this.beta = w.create(w.values(layout.key(norm, norm.bias())), conv.out(), 1);
        } else {
            this.gamma = null;
            this.beta = null;
        }
    }

    /** The unit's output; its intermediates (padding, pre-norm output, norm temporaries) are freed on return. */
    NDArray forward(NDArray x) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray y = conv.transposed() ? transposed(x) : padded(x);
            NDScope.unregister(y);
            return y;
        }
    }

    /**
     * Padding, convolution and norm. The padded copy is freed as soon as the convolution has read it, before the
     * norm's arrays exist (and {@link StrideFold} frees its folded copy the same way): freed at the scope's end
     * instead, it stayed live beside them, and encodec_48khz's encode + decode took about 8% longer (median of eight
     * interleaved rounds, slower in six), at the same peak memory (benchmarks/README.md, "What each change bought").
     */
    private NDArray padded(NDArray x) {
        int k = kernel();
        int s = conv.stride();
        int extra = extraPadding((int) Ops.length(x), k, s, k - s);
        int left = leftPadding();
        int right = rightPadding() + extra;
        NDArray y;
        if (channelsLast && !folded && s == 1 && ConvolutionPadding.applies(x, k, left, right, spec.padMode())) {
            y = ConvolutionPadding.conv1d(x, weight, bias, conv.dilation(), k, left, spec.padMode());
        } else {
            NDArray padded = pad(x, left, right);
            y = convolve(padded);
            if (padded != x) {
                padded.close();
            }
        }
        return gamma == null ? y : Ops.groupNorm1InPlace(y, gamma, beta, GROUP_NORM_EPS, channelsLast);
    }

    private NDArray transposed(NDArray x) {
        NDArray y = channelsLast
                ? ChannelsLast.convTranspose1d(x, weight, bias, conv.out(), conv.kernel(), conv.stride())
                : Ops.convTranspose1d(x, weight, bias, conv.out(), conv.kernel(), conv.stride());
        if (gamma != null) {
            y = Ops.groupNorm1InPlace(y, gamma, beta, GROUP_NORM_EPS, channelsLast);
        }
        return y.get(new NDIndex("..., {}:{}", trimLeft(), Ops.length(y) - trimRight()));
    }

    /**
     * This unit run on a clip that arrives in blocks, with the same output as {@link #forward} on the whole clip
     * ({@link ConvStream}, {@link TransposedConvStream}); the arrays it carries from block to block live in
     * {@code state}. A GroupNorm over the whole clip's output cannot be computed before the clip has ended, so a unit
     * with one does not stream (such models chunk, and their chunks are streamed instead).
     */
    StreamStep stream(NDManager state) {
        if (gamma != null || conv.kernel() < conv.stride()) {
            throw new IllegalStateException("a convolution " + (gamma != null ? "with time_group_norm (over the whole"
                    + " clip)" : "with a kernel shorter than its stride") + " cannot stream");
        }
        return conv.transposed() ? new TransposedConvStream(this, state) : new ConvStream(this, state);
    }

    private static float[] phaseBias(float[] bias, int stride) {
        float[] phaseBias = new float[bias.length * stride];
        for (int i = 0; i < phaseBias.length; i++) {
            phaseBias[i] = bias[i / stride];
        }
        return phaseBias;
    }

    /** The kernel's reach in input samples, dilation included. */
    int kernel() {
        return (conv.kernel() - 1) * conv.dilation() + 1;
    }

    int stride() {
        return conv.stride();
    }

    /** Samples padded on the left of a plain convolution's input: all of {@code kernel - stride} when causal. */
    int leftPadding() {
        return kernel() - conv.stride() - rightPadding();
    }

    /** Samples padded on the right before the extra padding that completes the last window (none when causal). */
    int rightPadding() {
        return spec.causal() ? 0 : (kernel() - conv.stride()) / 2;
    }

    PadMode padMode() {
        return spec.padMode();
    }

    /** {@link Ops#pad1d} of a plain convolution's input, in the unit's layout. */
    NDArray pad(NDArray x, int left, int right) {
        return channelsLast ? ChannelsLast.pad1d(x, left, right, spec.padMode())
                : Ops.pad1d(x, left, right, spec.padMode());
    }

    /** Zeros before and after {@code x}, in the unit's layout (a transposed convolution's context at a clip's ends). */
    NDArray zeros(NDArray x, int left, int right) {
        return channelsLast ? ChannelsLast.pad1d(x, left, right, PadMode.CONSTANT)
                : Ops.pad1d(x, left, right, PadMode.CONSTANT);
    }

    /** The convolution alone, on input that is already padded. */
    NDArray convolve(NDArray padded) {
        if (folded) {
            return channelsLast ? ChannelsLast.foldedConv1d(padded, weight, bias, conv.stride())
                    : StrideFold.conv1d(padded, weight, bias, conv.stride());
        }
        if (channelsLast) {
            return ChannelsLast.conv1d(padded, weight, bias, conv.stride(), conv.dilation());
        }
        NDArray y = Ops.conv1d(padded, weight, bias, conv.stride(), conv.dilation());
        return narrowInput ? ChannelsLast.of(y) : y;
    }

    /** Taps of the transposed convolution's polyphase form: input frames that reach one output frame. */
    int taps() {
        return taps;
    }

    /** The transposed convolution's output before trimming, of frames carrying {@code taps() - 1} of context. */
    NDArray phases(NDArray framesWithContext) {
        return channelsLast ? ChannelsLast.polyphase(framesWithContext, weight, bias, conv.out(), conv.stride())
                : Ops.polyphase(framesWithContext, weight, bias, conv.out(), conv.stride());
    }

    /** Samples a transposed convolution's output loses at its start. */
    int trimLeft() {
        return conv.kernel() - conv.stride() - trimRight();
    }

    /** Samples a transposed convolution's output loses at its end: all of {@code kernel - stride} when causal. */
    int trimRight() {
        int total = conv.kernel() - conv.stride();
        return spec.causal() ? (int) Math.ceil(total * spec.trimRightRatio()) : total / 2;
    }

    /** Samples of the untrimmed transposed output of {@code frames} input frames: {@code (frames - 1) * s + k}. */
    long untrimmedLength(long frames) {
        return (frames - 1) * conv.stride() + conv.kernel();
    }

    /**
     * The original's {@code get_extra_padding_for_conv1d}, in float64 like its Python: the right padding that makes the
     * last window complete. (transformers computes this in float32 and differs beyond 2^24 samples in one chunk.)
     */
    static int extraPadding(int length, int kernel, int stride, int paddingTotal) {
        double frames = (double) (length - kernel + paddingTotal) / stride + 1;
        long ideal = ((long) Math.ceil(frames) - 1) * stride + (kernel - paddingTotal);
        return (int) (ideal - length);
    }
}
