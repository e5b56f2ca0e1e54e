package dev.encodecparity.audio;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Audio as the model takes it: float32 samples, planar ({@code samples[channel][frame]}), and the sample rate when the
 * source has one. A WAV file always has one; a {@code .npy} file does not, and then {@code sampleRate} is empty rather
 * than a guess, so that the caller decides (from the model's config or an option).
 *
 * <p>The sample arrays are shared, not copied: treat them as read-only once they are in an {@code Audio}.
 */
public record Audio(float[][] samples, OptionalInt sampleRate) {

    /** Checks for at least one channel, channels of equal length, and a positive sample rate when there is one. */
    public Audio {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(sampleRate, "sampleRate");
        if (samples.length == 0) {
            throw new IllegalArgumentException("audio needs at least one channel");
        }
        for (int c = 0; c < samples.length; c++) {
            Objects.requireNonNull(samples[c], "channel " + c);
            if (samples[c].length != samples[0].length) {
                throw new IllegalArgumentException("channel " + c + " has " + samples[c].length
                        + " samples, channel 0 has " + samples[0].length);
            }
        }
        if (sampleRate.isPresent() && sampleRate.getAsInt() <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate.getAsInt() + " is not positive");
        }
        samples = samples.clone(); // the outer array only: the channels are shared, see above
    }

    public static Audio of(float[][] samples, int sampleRate) {
        return new Audio(samples, OptionalInt.of(sampleRate));
    }

    /** Audio whose sample rate is not known, as from a {@code .npy} file. */
    public static Audio withoutSampleRate(float[][] samples) {
        return new Audio(samples, OptionalInt.empty());
    }

    /** The channel arrays (a new outer array; the channels themselves are shared). */
    @Override
    public float[][] samples() {
        return samples.clone();
    }

    /** One channel's samples (not a copy). */
    public float[] channel(int c) {
        return samples[c];
    }

    public int channels() {
        return samples.length;
    }

    /** Samples per channel. */
    public int frames() {
        return samples[0].length;
    }

    /** The same samples with the given sample rate. */
    public Audio withSampleRate(int rate) {
        return of(samples, rate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Audio && sampleRate.equals(((Audio) o).sampleRate)
                && Arrays.deepEquals(samples, ((Audio) o).samples);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.deepHashCode(samples) + sampleRate.hashCode();
    }

    /** The shape and rate, not the samples: {@code Audio[2 channels x 24000 frames, 24000 Hz]}. */
    @Override
    public String toString() {
        return "Audio[" + channels() + (channels() == 1 ? " channel x " : " channels x ") + frames() + " frames, "
                + (sampleRate.isPresent() ? sampleRate.getAsInt() + " Hz" : "no sample rate") + "]";
    }
}
