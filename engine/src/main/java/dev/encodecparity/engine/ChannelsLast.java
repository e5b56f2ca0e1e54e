package dev.encodecparity.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.encodecparity.spec.PadMode;
import java.util.function.Supplier;

/**
 * SEANet's convolutions on arrays laid out channels-last: an array of shape {@code [B, C, T]} whose memory is
 * {@code [B, T, C]} (its {@code transpose(0, 2, 1)} is contiguous). libtorch's CPU convolution (oneDNN) reads and
 * writes that layout as it is; given the default layout it reorders its input into a blocked one and its output back,
 * two passes over arrays of up to 30 MB that cost more than the arithmetic at SEANet's 32 and 64 channels (10 s of
 * encodec_24khz, one convolution of 32 to 16 channels over 240,000 samples: 9.4 ms in the default layout, 5.7 ms
 * channels-last; benchmarks/README.md, "What each change bought"). The layout also turns two copies into views: the
 * strided convolutions' fold ({@link StrideFold}) and the polyphase transposed convolutions' interleave, when their
 * channels are ordered phase-major ({@code j * C + c}) instead of {@code c * s + j}.
 *
 * <p>Elementwise ops keep a layout; so do this class's padding and convolutions. What libtorch would turn back into
 * the default layout (a concatenation of 3-d arrays) is done here on the {@code [B, T, C]} view. A convolution given
 * an array in the default layout copies it once ({@link #of}): correct in either layout, only slower. Convolutions of
 * {@link #WIDEST} or more input channels stay in the default layout ({@link ConvUnit} decides per convolution), and
 * {@link Ops#conv1d} copies a channels-last input into it.
 *
 * <p>Each method closes the views and copies it makes on return ({@link #scoped}): a view holds its base's memory, and
 * the callers free a convolution's padded input as soon as it has been read ({@link ConvUnit}). Its result belongs
 * to the caller's scope, as any op's result does.
 *
 * <p>Used on the CPU only (as {@link StrideFold}): on a GPU it is unmeasured, so cuDNN gets the default layout.
 */
final class ChannelsLast {
    /** Set to {@code false} for the default layout on the CPU too: for measuring the two side by side. */
    static final String PROPERTY = "encodecparity.channelsLast";

    private ChannelsLast() {
    }

    /**
     * Input channels from which a convolution runs faster in the default layout: oneDNN's channels-last kernels lose
     * there (shapes of 10 s of audio, 2 threads, 2026-12-06: 768 channels over 3,000 samples, kernel 2, 11.5 ms
     * channels-last against 13.7; 1,024 channels 19.5 against 17.5; encodec_24khz's last fold, 2,048 channels over
     * 752 samples, 28.7 against 18.2; encodec_32khz's first transposed convolution, 1,024 to 4,096, 76 against 43).
     */
    static final int WIDEST = 1024;

    /**
     * Input channels below which a convolution runs in the default layout and its output is then copied here
     * ({@link #of}): for one input channel (mono audio, the encoder's first convolution) oneDNN picks a
     * channels-last kernel that takes 130 to 175 ms to create, against 2 ms or less for every other SEANet
     * convolution, and creates it again for every new input length, or on every call once its kernel cache has
     * dropped it (10 s of encodec_24khz, 2 threads, {@code ONEDNN_VERBOSE=profile_create}). In the default layout the
     * convolution and the copy take about 8 ms, against 3.4 ms channels-last once created.
     */
    static final int NARROWEST = 2;

    /** Whether a convolution with {@code inChannels} input channels (folded, if it is) on {@code device} runs here. */
    static boolean appliesTo(Device device, long inChannels) {
        return appliesTo(device) && inChannels >= NARROWEST && inChannels < WIDEST;
    }

    /**
     * Whether a convolution of {@code inChannels} that does not run here hands on its output laid out here: those
     * below {@link #NARROWEST}, whose output feeds convolutions that do. (Those of {@link #WIDEST} feed wide ones.)
     */
    static boolean takesOutput(Device device, long inChannels) {
        return appliesTo(device) && inChannels < NARROWEST;
    }

    /** Whether arrays on {@code device} are laid out here, as its convolutions of few channels want. */
    static boolean appliesTo(Device device) {
        return device.getDeviceType().equals(Device.Type.CPU) && !"false".equals(System.getProperty(PROPERTY));
    }

    /**
     * {@code a} then {@code b} along time, channels-last (libtorch concatenates 3-d arrays into the default layout).
     * For a stream's blocks ({@link StreamStep#join}, {@link ConvStream}).
     */
    static NDArray concat(NDArray a, NDArray b) {
        return scoped(() -> {
            return a.transpose(0, 2, 1).concat(b.transpose(0, 2, 1), 1).transpose(0, 2, 1);
        });
    }

    /**
     * {@code op}'s result, the arrays it made on the way freed: {@code op} runs in its own {@link NDScope}, and its
     * result is registered with the caller's, which frees it as it frees any op's result it does not keep.
     */
    private static NDArray scoped(Supplier<NDArray> op) {
        NDArray y;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            y = op.get();
            NDScope.unregister(y);
        }
        NDScope.register(y);
        return y;
    }

    /** {@code x [B, C, T]} in the default layout: {@code x} itself (a view) when it is, else one copy. */
    static NDArray channelsFirst(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1) * s.get(2)).reshape(s);
    }

    /** {@code x [B, C, T]} laid out channels-last: {@code x} itself (a view) when it is, else one copy. */
    static NDArray of(NDArray x) {
        Shape s = x.getShape();
        // The reshape to two axes is a view when [B, T, C] is dense, and a contiguous copy otherwise.
        return x.transpose(0, 2, 1).reshape(s.get(0), s.get(1) * s.get(2)).reshape(s.get(0), s.get(2), s.get(1))
                .transpose(0, 2, 1);
    }

    /**
     * A weight {@code [Cout, Cin, K]} (values in torch's order) as the 2-d convolution's {@code [Cout, Cin, 1, K]},
     * itself laid out channels-last, the form oneDNN reads without a reorder.
     */
    static NDArray weight(NDManager manager, float[] values, int out, int in, int kernel) {
        float[] inner = new float[values.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int k = 0; k < kernel; k++) {
                    inner[(o * kernel + k) * in + c] = values[(o * in + c) * kernel + k];
                }
            }
        }
        return manager.create(inner, new Shape(out, 1, kernel, in)).transpose(0, 3, 1, 2);
    }

    /** Taps of a weight from {@link #weight}. */
    static int kernel(NDArray weight) {
        return (int) weight.getShape().get(3);
    }

    /**
     * {@link Ops#conv1d} for a weight from {@link #weight}: the same sums, as a 2-d convolution over {@code [B, C, 1,
     * T]}, its output {@code [B, Cout, T']} channels-last. Input channels are completed to a multiple of
     * {@link Ops#CHANNEL_BLOCK} as there (the same libtorch bug is not ruled out in this layout).
     */
    static NDArray conv1d(NDArray x, NDArray weight, NDArray bias, int stride, int dilation) {
        return conv1d(x, weight, bias, stride, dilation, 0);
    }

    /**
     * {@link #conv1d} of {@code x} with {@code zeros} zero samples before and after it, which the convolution pads
     * itself: no padded copy of {@code x} is made ({@link ConvolutionPadding}).
     */
    static NDArray conv1d(NDArray x, NDArray weight, NDArray bias, int stride, int dilation, int zeros) {
        return scoped(() -> {
            long in = weight.getShape().get(1);
            NDArray input = of(x);
            NDArray w = weight;
            if (in > Ops.CHANNEL_BLOCK && in % Ops.CHANNEL_BLOCK != 0) {
                long extra = Ops.CHANNEL_BLOCK - in % Ops.CHANNEL_BLOCK;
                Shape xs = x.getShape();
                Shape ws = weight.getShape();
                input = x.getManager().zeros(new Shape(xs.get(0), xs.get(2), extra))
                        .concat(input.transpose(0, 2, 1), 2).transpose(0, 2, 1);
                w = x.getManager().zeros(new Shape(ws.get(0), extra, 1, ws.get(3))).concat(weight, 1);
            }
            return Conv2d.conv2d(input.expandDims(2), w, bias, new Shape(1, stride), new Shape(0, zeros),
                    new Shape(1, dilation), 1).singletonOrThrow().squeeze(2);
        });
    }

    /** {@link Ops#pad1d}, its result channels-last: the same values, the padding made on the {@code [B, T, C]} view. */
    static NDArray pad1d(NDArray x, int left, int right, PadMode mode) {
        if (left == 0 && right == 0) {
            return x;
        }
        return scoped(() -> {
            return Ops.pad1d(x.transpose(0, 2, 1), 1, left, right, mode).transpose(0, 2, 1);
        });
    }

    /**
     * {@link StrideFold#weight} with the folded channels phase-major, {@code w'[o][j*Cin + c][i] = w[o][c][i*s + j]},
     * as {@link #weight} lays it out.
     */
    static NDArray foldedWeight(NDManager manager, float[] values, int out, int in, int kernel, int stride) {
        int taps = kernel / stride;
        float[] folded = new float[values.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int k = 0; k < kernel; k++) {
                    folded[((o * stride + k % stride) * in + c) * taps + k / stride] =
                            values[(o * in + c) * kernel + k];
                }
            }
        }
        return weight(manager, folded, out, in * stride, taps);
    }

    /**
     * {@link StrideFold#conv1d} for a weight from {@link #foldedWeight}. Channels-last, the fold is a view: input
     * samples {@code u*s .. u*s + s - 1} of all channels are already one row of {@code s * Cin} values.
     */
    static NDArray foldedConv1d(NDArray padded, NDArray folded, NDArray bias, int stride) {
        return scoped(() -> { // a copy, when the input was not channels-last, freed on return
            Shape s = padded.getShape();
            int taps = kernel(folded);
            long outLength = (s.get(2) - (long) taps * stride) / stride + 1;
            long frames = outLength + taps - 1;
            NDArray rows = of(padded).transpose(0, 2, 1); // [B, L, Cin], dense when padded is channels-last
            NDArray used = s.get(2) == frames * stride ? rows : rows.get(new NDIndex(":, :{}", frames * stride));
            NDArray x = used.reshape(s.get(0), frames, s.get(1) * stride).transpose(0, 2, 1);
            return conv1d(x, folded, bias, 1, 1);
        });
    }

    /**
     * {@link Ops#polyphaseWeight} with the phases' channels phase-major, {@code w'[j*Cout + o][i][m - 1 - r] =
     * w[i][o][r*s + j]}, as {@link #weight} lays it out.
     */
    static NDArray polyphaseWeight(NDManager manager, float[] values, int in, int out, int kernel, int stride) {
        int taps = (kernel + stride - 1) / stride;
        float[] p = new float[out * stride * in * taps];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                for (int k = 0; k < kernel; k++) {
                    p[(((k % stride) * out + o) * in + i) * taps + (taps - 1 - k / stride)] = values[(i * out + o)
                            * kernel + k];
                }
            }
        }
        return weight(manager, p, out * stride, in, taps);
    }

    /** The bias of {@link #polyphaseWeight}'s channels: {@code b'[j*Cout + o] = b[o]}. */
    static float[] polyphaseBias(float[] bias, int stride) {
        float[] b = new float[bias.length * stride];
        for (int i = 0; i < b.length; i++) {
            b[i] = bias[i % bias.length];
        }
        return b;
    }

    /**
     * {@link Ops#polyphase} for a weight from {@link #polyphaseWeight}: channels-last, the interleave into time is a
     * view, since output frame {@code t}'s {@code s * Cout} values are already samples {@code t*s .. t*s + s - 1}.
     */
    static NDArray polyphase(NDArray padded, NDArray polyphaseWeight, NDArray polyphaseBias, int outChannels,
            int stride) {
        return polyphase(padded, polyphaseWeight, polyphaseBias, outChannels, stride, 0);
    }

    /** {@link #polyphase} of frames with {@code zeros} zero frames before and after them, padded by the convolution. */
    private static NDArray polyphase(NDArray frames, NDArray polyphaseWeight, NDArray polyphaseBias, int outChannels,
            int stride, int zeros) {
        return scoped(() -> {
            NDArray phases = conv1d(frames, polyphaseWeight, polyphaseBias, 1, 1, zeros); // [B, s * Cout, frames]
            Shape s = phases.getShape();
            return phases.transpose(0, 2, 1).reshape(s.get(0), s.get(2) * stride, outChannels)
                    .transpose(0, 2, 1);
        });
    }

    /** {@link Ops#convTranspose1d} for a weight from {@link #polyphaseWeight}, its output channels-last. */
    static NDArray convTranspose1d(NDArray x, NDArray polyphaseWeight, NDArray polyphaseBias, int outChannels,
            int kernel, int stride) {
        return scoped(() -> { // the untrimmed output freed on return
            int taps = kernel(polyphaseWeight);
            // the context of zeros at both ends, padded by the convolution: no padded copy of x
            NDArray out = polyphase(x, polyphaseWeight, polyphaseBias, outChannels, stride, taps - 1);
            long length = (x.getShape().get(2) - 1) * stride + kernel;
            return Ops.length(out) > length ? out.get(new NDIndex("..., :{}", length)) : out;
        });
    }
}
