package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.encodecparity.layout.KeyLayout;
import dev.encodecparity.spec.Conv;
import dev.encodecparity.spec.ConvWeight;
import dev.encodecparity.spec.GroupNorm;
import dev.encodecparity.spec.ModelSpec;

/**
 * One streamable convolution of SEANet (original {@code SConv1d} / {@code SConvTranspose1d}, transformers
 * {@code EncodecConv1d} / {@code EncodecConvTranspose1d}): padding for causal or centred output, the conv, GroupNorm
  * when
 * the model uses {@code time_group_norm}, and for transposed convs the trimming afterwards.
 */
final class ConvUnit {
    private static final float GROUP_NORM_EPS = 1e-5f;

    private final Conv conv;
    private final ModelSpec spec;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray gamma;
    private final NDArray beta;

    ConvUnit(Conv conv, ModelSpec spec, Weights w, KeyLayout layout) {
        this.conv = conv;
        this.spec = spec;
        ConvWeight stored = conv.weight();
        float[] values = stored instanceof ConvWeight.WeightNormed wn
                ? w.weightNormed(layout.key(conv, wn.v()), layout.key(conv, wn.g()), wn.shape())
                : w.values(layout.key(conv, ((ConvWeight.Plain) stored).weight()));
        float[] biasValues = w.values(layout.key(conv, conv.bias()));
        if (conv.transposed()) {
            int taps = (conv.kernel() + conv.stride() - 1) / conv.stride();
            this.weight = w.create(Ops.polyphaseWeight(values, conv.in(), conv.out(), conv.kernel(), conv.stride()),
                    (long) conv.out() * conv.stride(), conv.in(), taps);
            float[] phaseBias = new float[conv.out() * conv.stride()];
            for (int i = 0; i < phaseBias.length; i++) {
                phaseBias[i] = biasValues[i / conv.stride()];
            }
            this.bias = w.create(phaseBias, phaseBias.length);
        } else {
            this.weight = w.create(values, stored.shape());
            this.bias = w.create(biasValues, conv.out());
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

    private NDArray padded(NDArray x) {
        int k = (conv.kernel() - 1) * conv.dilation() + 1;
        int s = conv.stride();
        int total = k - s;
        int extra = extraPadding((int) Ops.length(x), k, s, total);
        int left;
        int right;
        if (spec.causal()) {
            left = total;
            right = extra;
        } else {
            right = total / 2 + extra;
            left = total - total / 2;
        }
        NDArray y = Ops.conv1d(Ops.pad1d(x, left, right, spec.padMode()), weight, bias, s, conv.dilation());
        return gamma == null ? y : Ops.groupNorm1(y, gamma, beta, GROUP_NORM_EPS);
    }

    private NDArray transposed(NDArray x) {
        NDArray y = Ops.convTranspose1d(x, weight, bias, conv.out(), conv.kernel(), conv.stride());
        if (gamma != null) {
            y = Ops.groupNorm1(y, gamma, beta, GROUP_NORM_EPS);
        }
        int total = conv.kernel() - conv.stride();
        int right = spec.causal() ? (int) Math.ceil(total * spec.trimRightRatio()) : total / 2;
        int left = total - right;
        return y.get(new NDIndex("..., {}:{}", left, Ops.length(y) - right));
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
