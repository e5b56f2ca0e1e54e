package dev.encodecparity.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.encodecparity.engine.chunks.SourceWindow;

/**
 * Audio to another sample rate exactly as the original code's {@code convert_audio} does it: torchaudio's
 * {@code transforms.Resample(sr, target_sr)} with its defaults (windowed sinc, Hann window, 6 zero crossings, rolloff
 * 0.99). The rates are reduced by their gcd to {@code orig} and {@code new}; each of the {@code new} output phases is a
 * filter of {@code 2 * width + orig} taps, computed in float64 and rounded to float32 as torchaudio does, and the
 * signal, zero-padded by {@code width} on the left and {@code width + orig} on the right, is convolved with all of
 * them at stride {@code orig} (a polyphase convolution on the engine); the phases are interleaved and the result cut
 * to {@code ceil(new * length / orig)} samples.
 */
public final class Resampler {
    private static final int ZERO_CROSSINGS = 6;
    private static final double ROLLOFF = 0.99;

    private final int orig;
    private final int target;
    private final int width;
    private final float[] kernel; // [target, 2 * width + orig], row-major

    private Resampler(int from, int to) {
        int g = gcd(from, to);
        this.orig = from / g;
        this.target = to / g;
        double base = Math.min(orig, target) * ROLLOFF;
        this.width = (int) Math.ceil(ZERO_CROSSINGS * orig / base);
        this.kernel = kernel(orig, target, width, base);
    }

    /** A resampler from {@code from} Hz to {@code to} Hz (both positive). */
    public static Resampler of(int from, int to) {
        if (from <= 0 || to <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + from + " -> " + to);
        }
        return new Resampler(from, to);
    }

    /** The filters: row {@code j} is output phase {@code j}; float64 arithmetic, float32 result (torchaudio's). */
    static float[] kernel(int orig, int target, int width, double base) {
        int taps = 2 * width + orig;
        float[] k = new float[target * taps];
        double scale = base / orig;
        for (int j = 0; j < target; j++) {
            for (int i = 0; i < taps; i++) {
                // torchaudio 0.13 divides the integer phase index in float32 (torch's default dtype) and only
                // then adds the float64 tap offsets; copying that keeps the kernel's float32 rounding the same
                double phase = (float) -j / (float) target;
                double t = (phase + (double) (i - width) / orig) * base;
                t = Math.max(-ZERO_CROSSINGS, Math.min(ZERO_CROSSINGS, t));
                double window = Math.cos(t * Math.PI / ZERO_CROSSINGS / 2);
                window *= window;
                double tp = t * Math.PI;
                double sinc = tp == 0 ? 1.0 : Math.sin(tp) / tp;
                k[j * taps + i] = (float) (sinc * (window * scale)); // torchaudio: kernels *= window * scale
            }
        }
        return k;
    }

    /** How many samples {@code length} samples become: {@code ceil(new * length / orig)}. */
    public long outputLength(long length) {
        return (target * length + orig - 1) / orig;
    }

    /**
     * {@code x} ({@code [channels][samples]}) at the new rate, computed by the engine on the CPU (a clip's resampling
     * is small next to its encoding). The same rate in and out returns {@code x} itself, as torchaudio does.
     */
    public float[][] apply(float[][] x) {
        if (orig == target) {
            return x;
        }
        int channels = x.length;
        int length = x[0].length;
        int taps = 2 * width + orig;
        int outLength = (int) outputLength(length);
        float[][] out = new float[channels][];
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray filters = m.create(kernel, new Shape(target, 1, taps));
            for (int c = 0; c < channels; c++) {
                float[] padded = new float[width + length + width + orig];
                System.arraycopy(x[c], 0, padded, width, length);
                NDArray in = m.create(padded, new Shape(1, 1, padded.length));
                NDArray phases = Ops.conv1d(in, filters, null, orig, 1); // [1, target, frames]
                NDArray interleaved = phases.transpose(0, 2, 1).reshape(-1); // frame by frame, phase by phase
                out[c] = interleaved.get(new NDIndex("0:{}", outLength)).toType(DataType.FLOAT32, false)
                        .toFloatArray();
            }
        }
        return out;
    }

    /** Output samples per convolution frame: the reduced target rate. */
    int phases() {
        return target;
    }

    /** The first input sample that output frame {@code frame} reaches (negative: the left padding). */
    long firstInput(long frame) {
        return frame * orig - width;
    }

    /**
     * Output frames {@code [first, first + count)} ({@code count * target} samples per channel, the last ones past
     * the clip's output length for the caller to drop) of the clip a window reads: the same polyphase convolution as
     * {@link #apply} over just the input samples those frames reach, zeros outside the clip being its padding.
     */
    float[][] frames(SourceWindow window, long first, int count) {
        int channels = window.channels();
        int taps = 2 * width + orig;
        int span = Math.multiplyExact(count - 1, orig) + taps;
        float[] flat = window.cut(firstInput(first), span);
        float[][] out = new float[channels][];
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray filters = m.create(kernel, new Shape(target, 1, taps));
            for (int c = 0; c < channels; c++) {
                NDArray in = m.create(java.util.Arrays.copyOfRange(flat, c * span, (c + 1) * span),
                        new Shape(1, 1, span));
                NDArray phases = Ops.conv1d(in, filters, null, orig, 1); // [1, target, count]
                out[c] = phases.transpose(0, 2, 1).reshape(-1).toType(DataType.FLOAT32, false).toFloatArray();
            }
        }
        return out;
    }

    /** "44100 Hz -> 24000 Hz (147:80, 171 taps per phase)". */
    public String describe(int from, int to) {
        return from + " Hz -> " + to + " Hz (" + orig + ":" + target + ", " + (2 * width + orig) + " taps per phase)";
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
