package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.encodecparity.spec.Conv;

/**
 * A strided convolution whose kernel is a multiple {@code m} of its stride {@code s} (every downsampling convolution
 * of SEANet's encoder: kernel {@code 2s}), computed as a stride-1 convolution with {@code m} taps over the input
 * folded into {@code Cin * s} channels: {@code x'[c*s + j][u] = x[c][u*s + j]}, {@code w'[o][c*s + j][i] =
 * w[o][c][i*s + j]}. Output frame {@code t} reads input samples {@code t*s .. t*s + m*s - 1} in both forms, so the two
 * compute the same products; only the order of the sum differs. The fold is one copy of the input; libtorch's
 * (oneDNN's) strided convolutions are slower on these shapes than stride-1 ones with more channels (encodec_24khz's
 * four took 15-25 ms each per encode of 10 s, 79-131 GFLOP/s; benchmarks/README.md, "What each change bought").
 * Used on the CPU only ({@link ConvUnit}): on a GPU the fold is unmeasured, so cuDNN gets the strided convolution.
 */
final class StrideFold {
    private StrideFold() {
    }

    /** Whether {@code conv} is a plain strided convolution this form computes. */
    static boolean applies(Conv conv) {
        return !conv.transposed() && conv.stride() > 1 && conv.dilation() == 1 && conv.kernel() % conv.stride() == 0;
    }

    /** The torch weight {@code [Cout, Cin, K]} as {@code [Cout, Cin * s, K / s]}. */
    static float[] weight(float[] w, int out, int in, int kernel, int stride) {
        int taps = kernel / stride;
        float[] folded = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int k = 0; k < kernel; k++) {
                    folded[((o * in + c) * stride + k % stride) * taps + k / stride] = w[(o * in + c) * kernel + k];
                }
            }
        }
        return folded;
    }

    /**
     * The strided convolution of already padded input {@code [B, Cin, L]}: {@code [B, Cout, (L - K) / s + 1]}, as
     * {@code conv1d(padded, w, bias, stride = s)} gives. Samples past the last window are dropped before folding.
     *
     * @param folded from {@link #weight}: {@code [Cout, Cin * s, m]}
     */
    static NDArray conv1d(NDArray padded, NDArray folded, NDArray bias, int stride) {
        long batch = padded.getShape().get(0);
        long channels = padded.getShape().get(1);
        int taps = (int) folded.getShape().get(2);
        long outLength = (Ops.length(padded) - (long) taps * stride) / stride + 1;
        long frames = outLength + taps - 1;
        NDArray used = Ops.length(padded) == frames * stride ? padded
                : padded.get(new NDIndex("..., :{}", frames * stride));
        NDArray x = used.reshape(batch, channels, frames, stride).transpose(0, 1, 3, 2)
                .reshape(batch, channels * stride, frames);
        NDArray y = Ops.conv1d(x, folded, bias, 1, 1);
        x.close(); // the fold's copy, read: freed before the caller's next full-size array (see ConvUnit#padded)
        return y;
    }
}
