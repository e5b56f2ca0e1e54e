package dev.encodecparity.engine;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.common.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --resample}: audio to a model's channels and rate as the original code's {@code convert_audio} does it:
 * channels first (the mean of the channels for a mono model; a mono clip repeated for a stereo one; only mono and
 * stereo clips), then torchaudio's resampling ({@link Resampler}).
 *
 * @param samples the converted audio, {@code [channels][samples]}
 * @param applied what was done, for reports and sidecars ("44100 Hz, 2 channels -> 24000 Hz, 1 channel: mean of the
 *     channels, resampled 147:80"), or null when the clip already fitted
 */
public record AudioConversion(float[][] samples, String applied) {
    /**
     * @param a the clip as read
     * @param file its path, for messages
     * @param rate the model's sample rate
     * @param channels the model's channel count (1 or 2)
     * @throws BadInputException for a clip that is neither mono nor stereo, or a .npy without a rate to convert from
     */
    public static AudioConversion toModel(Audio a, Path file, int rate, int channels) {
        int have = a.channels();
        if (a.sampleRate().isEmpty()) {
            return new AudioConversion(a.samples(), null); // a .npy has no rate: it is taken at the model's
        }
        int from = a.sampleRate().getAsInt();
        if (have == channels && from == rate) {
            return new AudioConversion(a.samples(), null);
        }
        if (have != 1 && have != 2) {
            throw new BadInputException(file, "the audio has " + have + " channels; --resample converts mono and"
                    + " stereo, as the original code's convert_audio does");
        }
        List<String> steps = new ArrayList<>();
        float[][] x = a.samples();
        if (channels == 1 && have == 2) {
            float[] mean = new float[x[0].length];
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (x[0][i] + x[1][i]) / 2f; // torch's mean over two float32 values
            }
            x = new float[][] {mean};
            steps.add("mean of the channels");
        } else if (channels == 2 && have == 1) {
            x = new float[][] {x[0], x[0].clone()};
            steps.add("mono repeated to stereo");
        }
        if (from != rate) {
            Resampler r = Resampler.of(from, rate);
            x = r.apply(x);
            steps.add("resampled " + r.describe(from, rate));
        }
        return new AudioConversion(x, describe(from, have, rate, channels, steps));
    }

    /** A clip read a block at a time, converted as it is read, and what was done (null: nothing). */
    public record Streamed(AudioSource source, String applied) {
    }

    /**
     * As {@link #toModel(Audio, Path, int, int)}, for a clip read a block at a time: the returned source converts
     * the channels and the rate as it reads (see {@link ConvertingSource}) and owns {@code a} from now on.
     */
    public static Streamed toModel(AudioSource a, Path file, int rate, int channels) {
        int have = a.channels();
        if (a.sampleRate().isEmpty() || (have == channels && a.sampleRate().getAsInt() == rate)) {
            return new Streamed(a, null);
        }
        int from = a.sampleRate().getAsInt();
        if (have != 1 && have != 2) {
            throw new BadInputException(file, "the audio has " + have + " channels; --resample converts mono and"
                    + " stereo, as the original code's convert_audio does");
        }
        List<String> steps = new ArrayList<>();
        if (have != channels) {
            steps.add(channels == 1 ? "mean of the channels" : "mono repeated to stereo");
        }
        AudioSource converted;
        if (from == rate) {
            converted = new ConvertingSource.ChannelMix(a, channels);
        } else {
            Resampler r = Resampler.of(from, rate);
            converted = new ConvertingSource(a, channels, r, rate);
            steps.add("resampled " + r.describe(from, rate));
        }
        return new Streamed(converted, describe(from, have, rate, channels, steps));
    }

    private static String describe(int from, int have, int rate, int channels, List<String> steps) {
        return from + " Hz, " + plural(have) + " -> " + rate + " Hz, " + plural(channels) + ": "
                + String.join(", ", steps);
    }

    private static String plural(int channels) {
        return channels + (channels == 1 ? " channel" : " channels");
    }
}
