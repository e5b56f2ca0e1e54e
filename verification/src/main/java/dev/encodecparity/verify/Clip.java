package dev.encodecparity.verify;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.engine.AudioConversion;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.spec.ModelSpec;
import java.nio.file.Path;

/**
 * A reference clip, read and checked against a model: its samples, its hash for the report, and the name reports give
 * it (its file name, or its path inside a corpus folder).
 */
public record Clip(Path path, String sha256, float[][] samples, int sampleRate, String name, String conversion,
        boolean streamed) {
    public static Clip read(Path path, ModelSpec spec) {
        return read(path, path.getFileName().toString(), spec, false, false);
    }

    /**
     * @param resample convert the clip's channels and rate to the model's ({@code --resample}, as the original
     *     code's convert_audio does); without it a clip that does not fit is bad input
     * @param stream stream the clip ({@code --stream}); without it, only where the whole clip would not fit
     */
    public static Clip read(Path path, String name, ModelSpec spec, boolean resample, boolean stream) {
        Audio a = AudioFiles.read(path);
        String conversion = null;
        if (resample) {
            AudioConversion c = AudioConversion.toModel(a, path, spec.sampleRate(), spec.architecture().channels());
            a = Audio.of(c.samples(), spec.sampleRate());
            conversion = c.applied();
        }
        boolean streamed = check(path, a, spec, stream);
        return new Clip(path, Hashing.sha256(path), a.samples(), spec.sampleRate(), name, conversion, streamed);
    }

    /**
     * What every command asks of input audio, in one place: the model's sample rate (a .npy has none and is taken at
     * the model's rate), its channel count, at least one sample, and only finite samples (a NaN would pass through
     * the encoder into arbitrary codes without a word); and that the memory it needs fits ({@link MemoryEstimate}: the
     * larger of encoding and decoding it, exit code 3 when it does not fit).
     *
     * @param stream stream the clip whatever its length ({@code --stream})
     * @return whether the clip is to be streamed: when asked, or when the whole clip would not fit but streamed it
     *     does ({@link MemoryEstimate#chooseStreaming})
     */
    public static boolean check(Path file, Audio a, ModelSpec spec, boolean stream) {
        int rate = spec.sampleRate();
        int channels = spec.architecture().channels();
        if (a.sampleRate().isPresent() && a.sampleRate().getAsInt() != rate) {
            throw new BadInputException(file, "the audio is " + a.sampleRate().getAsInt() + " Hz; this model expects "
                    + rate + " Hz (--resample converts it, as the original code's convert_audio does)");
        }
        if (a.channels() != channels) {
            throw new BadInputException(file, "the audio has " + a.channels() + " channel"
                    + (a.channels() == 1 ? "" : "s") + "; this model expects " + channels + " (--resample converts"
                    + " mono and stereo, as the original code's convert_audio does)");
        }
        float[][] x = a.samples();
        if (x.length == 0 || x[0].length == 0) {
            throw new BadInputException(file, "the audio has no samples");
        }
        for (int c = 0; c < x.length; c++) {
            for (int i = 0; i < x[c].length; i++) {
                if (!Float.isFinite(x[c][i])) {
                    throw new BadInputException(file, "sample " + i + " of channel " + c + " is " + x[c][i]
                            + "; the audio must be finite");
                }
            }
        }
        // Before any work: the memory encoding and decoding it will take must fit in what the machine has.
        return MemoryEstimate.chooseStreaming(spec, MemoryEstimate.encodeAndDecode(spec, x[0].length, 1), x[0].length,
                stream, file.toString());
    }

    public int channels() {
        return samples.length;
    }

    public int length() {
        return samples[0].length;
    }
}
