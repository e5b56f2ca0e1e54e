package dev.encodecparity.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import dev.encodecparity.spec.PadMode;

/**
 * The tensor operations EnCodec needs, on DJL's PyTorch engine. Three have no DJL op and are composed here (reflect
 * padding, GroupNorm(1, C), transposed convolution); each has a plain Java version in
 * {@code dev.encodecparity.reference.ReferenceOps} that the tests compare it with.
 *
 * <p>Every result lands in the manager of the first argument, which is always the per-call input, never a weight:
 * the weights' manager is capped, so a mistake here fails loudly instead of leaking.
 */
public final class Ops {
    private Ops() {
    }

    /** Length of the last axis. */
    static long length(NDArray x) {
        return x.getShape().get(x.getShape().dimension() - 1);
    }

    /**
     * {@code pad1d} of the original code: {@code F.pad(x, (left, right), mode)}, with its rule for reflect padding of
     * inputs no longer than the padding (zero-extend first, reflect, then drop the extension).
     */
    public static NDArray pad1d(NDArray x, int left, int right, PadMode mode) {
        return pad1d(x, x.getShape().dimension() - 1, left, right, mode);
    }

    /** {@link #pad1d(NDArray, int, int, PadMode)} along {@code axis} ({@link ChannelsLast} pads time on axis 1). */
    static NDArray pad1d(NDArray x, int axis, int left, int right, PadMode mode) {
        if (left == 0 && right == 0) {
            return x;
        }
        if (mode == PadMode.CONSTANT) {
            return zeros(x, axis, left, right);
        }
        long length = x.getShape().get(axis);
        int maxPad = Math.max(left, right);
        if (length <= maxPad) {
            long extra = maxPad - length + 1;
            NDArray padded = reflect(zeros(x, axis, 0, extra), axis, left, right);
            return padded.get(range(axis, 0, padded.getShape().get(axis) - extra));
        }
        return reflect(x, axis, left, right);
    }

    /** Zeros before and after {@code x} along {@code axis}: DJL's pad widths name the last axis first. */
    private static NDArray zeros(NDArray x, int axis, long left, long right) {
        long[] widths = new long[2 * (x.getShape().dimension() - axis)];
        widths[widths.length - 2] = left;
        widths[widths.length - 1] = right;
        return x.pad(new Shape(widths), 0);
    }

    /** Indices {@code from .. to - 1} along {@code axis}, all of every other axis. */
    private static NDIndex range(int axis, long from, long to) {
        return new NDIndex(":, ".repeat(axis) + "{}:{}", from, to);
    }

    /** torch's reflect padding: mirror around the edge samples, which are not repeated. Needs length > left, right. */
    private static NDArray reflect(NDArray x, int axis, int left, int right) {
        long n = x.getShape().get(axis);
        NDList parts = new NDList();
        if (left > 0) {
            parts.add(x.get(range(axis, 1, left + 1)).flip(axis));
        }
        parts.add(x);
        if (right > 0) {
            parts.add(x.get(range(axis, n - right - 1, n - 1)).flip(axis));
        }
        return NDArrays.concat(parts, axis);
    }

    /**
     * A plain convolution, no implicit padding (the caller pads), as {@code nn.Conv1d} computes it.
     *
     * <p>On the CPU, zero input channels are prepended up to a multiple of {@value #CHANNEL_BLOCK} first: libtorch
     * 2.7.1's oneDNN convolution returns wrong values, NaN among them and different from run to run, when there are
     * more than 16 input channels, not a multiple of 16, and a kernel longer than 1 (AVX-512; with AVX2, not a
     * multiple of 8), on inputs of some thousand samples (docs/reliability.md, "A libtorch convolution bug, avoided").
     * The zero channels add {@code 0 * 0} to each sum. No preset has such a convolution; custom models and the
     * strided convolutions' folded form ({@link StrideFold}) can.
     */
    public static NDArray conv1d(NDArray x, NDArray weight, NDArray bias, int stride, int dilation) {
        long in = weight.getShape().get(1);
        // An array laid out channels-last would take oneDNN's channels-last kernel, slower where this form is used.
        NDArray input = ChannelsLast.channelsFirst(x);
        NDArray w = weight;
        if (in > CHANNEL_BLOCK && in % CHANNEL_BLOCK != 0 && x.getDevice().getDeviceType().equals(Device.Type.CPU)) {
            long extra = CHANNEL_BLOCK - in % CHANNEL_BLOCK;
            Shape xs = x.getShape();
            Shape ws = weight.getShape();
            // Prepended, so that both results land in the call's manager, not the (capped) weights'.
            input = x.getManager().zeros(new Shape(xs.get(0), extra, xs.get(2))).concat(input, 1);
            w = x.getManager().zeros(new Shape(ws.get(0), extra, ws.get(2))).concat(weight, 1);
        }
        return Conv1d.conv1d(input, w, bias, new Shape(stride), new Shape(0), new Shape(dilation), 1)
                .singletonOrThrow();
    }

    /** Input channels of a CPU convolution come in multiples of this (see {@link #conv1d}). */
    static final int CHANNEL_BLOCK = 16;

    /**
     * ConvTranspose1d as one ordinary convolution (polyphase form), without zero-stuffing: output sample
     * {@code t*s + j} of channel {@code o} is {@code sum_{i, r} x[i][t - r] * w[i][o][r*s + j]} for the
     * {@code m = K/s} taps {@code r}, which is a stride-1 convolution of {@code x} (zero-padded by {@code m - 1} on
      * each
     * side) with {@code Cout * s} output channels and kernel {@code m}. Its output, channel {@code o*s + j} at frame
     * {@code t}, is interleaved into time with one reshape. Same FLOPs as the transposed convolution, one native conv
     * (oneDNN on CPU, cuDNN on GPU) and one copy.
     *
     * @param polyphaseWeight from {@link #polyphaseWeight}: {@code [Cout * s, Cin, m]}
     * @param polyphaseBias the bias repeated per phase: {@code [Cout * s]}
     * @return {@code [B, Cout, (T - 1) * stride + kernel]}
     */
    public static NDArray convTranspose1d(NDArray x, NDArray polyphaseWeight, NDArray polyphaseBias, int outChannels,
            int kernel, int stride) {
        int taps = (int) polyphaseWeight.getShape().get(2);
        NDArray padded = taps > 1 ? x.pad(new Shape(taps - 1, taps - 1), 0) : x;
        NDArray out = polyphase(padded, polyphaseWeight, polyphaseBias, outChannels, stride);
        long length = (x.getShape().get(2) - 1) * stride + kernel;
        return length(out) > length ? out.get(new NDIndex("..., :{}", length)) : out;
    }

    /**
     * The polyphase convolution of input frames that already carry their {@code m - 1} frames of context on the left
     * (zeros before the clip), interleaved into time: {@code [B, Cout, (T' - m + 1) * stride]} for {@code T'} frames.
     * A stream feeds it each block with the previous block's last frames as context ({@link TransposedConvStream}).
     */
    static NDArray polyphase(NDArray padded, NDArray polyphaseWeight, NDArray polyphaseBias, int outChannels,
            int stride) {
        long b = padded.getShape().get(0);
        NDArray phases = conv1d(padded, polyphaseWeight, polyphaseBias, 1, 1); // [B, Cout * s, frames]
        long frames = phases.getShape().get(2);
        return phases.reshape(b, outChannels, stride, frames).transpose(0, 1, 3, 2)
                .reshape(b, outChannels, frames * stride);
    }

    /**
     * The torch transposed-conv weight {@code [Cin, Cout, K]} rearranged for {@link #convTranspose1d}:
     * {@code w'[o*s + j][i][m - 1 - r] = w[i][o][r*s + j]} (taps beyond K are zero).
     */
    public static float[] polyphaseWeight(float[] w, int in, int out, int kernel, int stride) {
        int taps = (kernel + stride - 1) / stride;
        float[] p = new float[out * stride * in * taps];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                for (int k = 0; k < kernel; k++) {
                    int r = k / stride;
                    int j = k % stride;
                    p[((o * stride + j) * in + i) * taps + (taps - 1 - r)] = w[(i * out + o) * kernel + k];
                }
            }
        }
        return p;
    }

    /**
     * GroupNorm with one group: each sample is normalised over all its (C, T) values, then the per-channel affine.
     * Written in the fused form torch's CPU kernel uses ({@code y = x * a + b}, {@code a = rstd * gamma},
     * {@code b = beta - mean * a}) so that its rounding follows torch's as closely as a composition can.
     *
     * @param gamma {@code [C, 1]}
     * @param beta {@code [C, 1]}
     */
    public static NDArray groupNorm1(NDArray x, NDArray gamma, NDArray beta, double eps) {
        NDList ab = groupNorm1Affine(x, gamma, beta, eps);
        return x.mul(ab.get(0)).addi(ab.get(1));
    }

    /**
     * {@link #groupNorm1} written over {@code x}, for a caller that has no further use of it (a convolution's own
     * output): the same values, with no new full-size array (encodec_48khz normalises after every convolution).
     * A {@link ChannelsLast} {@code x} is read for the statistics in its memory order, {@code (T, C)}, a view where
     * {@code (C, T)} would be a copy: the same values summed in another order.
     */
    static NDArray groupNorm1InPlace(NDArray x, NDArray gamma, NDArray beta, double eps, boolean channelsLast) {
        NDList ab = groupNorm1Affine(channelsLast ? x.transpose(0, 2, 1) : x, gamma, beta, eps);
        return x.muli(ab.get(0)).addi(ab.get(1));
    }

    /** GroupNorm's per-sample, per-channel {@code a} and {@code b} ({@code [B, C, 1]}) for {@code y = x * a + b}. */
    private static NDList groupNorm1Affine(NDArray x, NDArray gamma, NDArray beta, double eps) {
        // Statistics over each sample's (C, T) values as one row, as torch's kernel views them ([N, G, C*T/G]).
        long batch = x.getShape().get(0);
        NDArray mean;
        NDArray variance;
        try (NDScope scope = new NDScope()) { // the two full-size temporaries go as soon as the statistics exist
            scope.suppressNotUsedWarning();
            NDArray rows = x.reshape(batch, -1);
            NDArray m = rows.mean(new int[] {1}, true);
            NDArray centered = rows.sub(m);
            variance = centered.muli(centered).mean(new int[] {1}, true).reshape(batch, 1, 1);
            mean = m.reshape(batch, 1, 1);
            NDScope.unregister(mean, variance);
        }
        // torch's kernel: rstd = 1 / std::sqrt(var + eps) with eps a double, so in double and rounded once to float.
        NDArray rstd;
        try (NDArray wide = variance.toType(DataType.FLOAT64, false); NDArray shifted = wide.add(eps);
                NDArray root = shifted.sqrt(); NDArray one = root.getManager().create(1d);
                NDArray inverse = one.div(root)) {
            rstd = inverse.toType(DataType.FLOAT32, false);
        }
        NDArray a = rstd.mul(gamma);
        NDArray b = mean.mul(a).neg().add(beta);
        return new NDList(a, b);
    }

    /**
     * {@code x * x}, which is what torch's {@code x.pow(2)} computes (its kernel special-cases the exponent 2), rounded
     * once. DJL's {@code pow(2)} goes through a general power function instead: 1 to 2% of its squares are one ulp
     * off, and it is ten times slower.
     */
    public static NDArray square(NDArray x) {
        return x.mul(x);
    }

    /** ELU with alpha 1, torch's own kernel. */
    public static NDArray elu(NDArray x) {
        return Activation.elu(x, 1f);
    }

    /**
     * The SLSTM block: {@code x [B,C,T] -> [T,B,C]}, a unidirectional multi-layer LSTM with zero initial state (torch
     * gate order), plus the skip connection, back to {@code [B,C,T]}.
     *
     * @param params per layer: weight_ih, weight_hh, bias_ih, bias_hh (the order torch::lstm takes)
     */
    public static NDArray lstm(NDArray x, NDList params, int layers, int hidden) {
        return lstm(x, params, layers, hidden, null).get(0);
    }

    /**
     * The same from a given state, for a clip that arrives in blocks ({@link LstmStream}): the output, then the state
     * after the last step, {@code h} and {@code c}, each {@code [layers, B, hidden]}.
     *
     * @param state {@code h, c} after the previous block, or null for the zero state of a clip's start
     */
    static NDList lstm(NDArray x, NDList params, int layers, int hidden, NDList state) {
        NDArray seq = x.transpose(2, 0, 1);
        long batch = seq.getShape().get(1);
        NDList hx = state != null ? state : new NDList(x.getManager().zeros(new Shape(layers, batch, hidden)),
                x.getManager().zeros(new Shape(layers, batch, hidden)));
        NDList out = seq.getNDArrayInternal().lstm(seq, hx, params, true, layers, 0.0, false, false, false);
        return new NDList(out.get(0).add(seq).transpose(1, 2, 0), out.get(1), out.get(2));
    }

    /** {@code F.embedding(indices, table)}: rows of the table; the result lands in the indices' manager. */
    public static NDArray embedding(NDArray indices, NDArray table) {
        return indices.getNDArrayInternal().embedding(indices, table, ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /**
     * The weights of the original's {@code _linear_overlap_add} for chunks of {@code n} samples:
     * {@code 0.5 - |t - 0.5|} over {@code t = linspace(0, 1, n + 2)[1:-1]}. Computed by torch, because
     * {@code torch.linspace} rounds differently from {@code start + i * step}; the rest of the overlap-add is plain
     * float arithmetic ({@link dev.encodecparity.engine.chunks.OverlapAdd}).
     */
    static float[] overlapWindow(NDManager call, int n) {
        NDArray t = call.linspace(0f, 1f, n + 2).get(new NDIndex("1:{}", n + 1));
        return t.sub(0.5f).abs().neg().add(0.5f).toFloatArray();
    }
}
