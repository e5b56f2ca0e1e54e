package dev.encodecparity.verify;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.spec.ModelSpec;
import java.nio.file.Path;

/** A reference clip, read and checked against a model: its samples, and its hash for the report. */
public record Clip(Path path, String sha256, float[][] samples, int sampleRate) {
    public static Clip read(Path path, ModelSpec spec) {
        Audio a = AudioFiles.read(path);
        int rate = spec.sampleRate();
        int channels = spec.architecture().channels();
        if (a.sampleRate().isPresent() && a.sampleRate().getAsInt() != rate) {
            throw new BadInputException(path, "the audio is " + a.sampleRate().getAsInt() + " Hz; this model expects "
                    + rate + " Hz");
        }
        if (a.channels() != channels) {
            throw new BadInputException(path, "the audio has " + a.channels() + " channel" + (a.channels() == 1 ? "" : "s")
                    + "; this model expects " + channels);
        }
        return new Clip(path, Hashing.sha256(path), a.samples(), rate);
    }

    public String name() {
        return path.getFileName().toString();
    }

    public int channels() {
        return samples.length;
    }

    public int length() {
        return samples[0].length;
    }
}
