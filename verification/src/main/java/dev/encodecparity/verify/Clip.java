package dev.encodecparity.verify;

import dev.encodecparity.audio.Audio;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.audio.AudioSource;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.engine.AudioConversion;
import dev.encodecparity.engine.MemoryEstimate;
import dev.encodecparity.spec.ModelSpec;
import java.nio.file.Path;
import java.util.OptionalInt;

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
        return read(path, name, spec, resample, stream, 1);
    }

    /**
     * The same for a run that works {@code jobs} clips at once ({@code verify --jobs}): the whole clip must fit as
     * many times over, else it is streamed, so that the jobs together stay within the memory the machine has.
     */
    public static Clip read(Path path, String name, ModelSpec spec, boolean resample, boolean stream, int jobs) {
        Audio a = AudioFiles.read(path);
        String conversion = null;
        if (resample) {
            AudioConversion c = AudioConversion.toModel(a, path, spec.sampleRate(), spec.architecture().channels());
            a = Audio.of(c.samples(), spec.sampleRate());
            conversion = c.applied();
        }
        boolean streamed = check(path, a, spec, stream, jobs);
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
        return check(file, a, spec, stream, 1);
    }

    private static boolean check(Path file, Audio a, ModelSpec spec, boolean stream, int jobs) {
        float[][] x = a.samples();
        checkShape(file, a.sampleRate(), a.channels(), x[0].length, spec);
        checkFinite(file, a);
        // Before any work: the memory encoding and decoding it will take must fit in what the machine has.
        return MemoryEstimate.chooseStreaming(spec, MemoryEstimate.encodeAndDecode(spec, x[0].length, jobs),
                x[0].length, stream, file.toString());
    }

    /**
     * {@link #check(Path, Audio, ModelSpec, boolean)} for a clip that is read a block at a time as it is encoded
     * (encode): the rate, channels and length from its header now, streamed where the whole clip would not fit (the
     * clip then never in memory), and the samples checked as they are read: the returned source throws the same
     * one-line error at the first non-finite sample.
     *
     * @return the source to encode from and whether to stream
     */
    public static Checked check(Path file, AudioSource a, ModelSpec spec, boolean stream) {
        checkShape(file, a.sampleRate(), a.channels(), a.frames(), spec);
        boolean streamed = MemoryEstimate.chooseStreaming(spec, MemoryEstimate.encode(spec, a.frames(), 1),
                a.frames(), stream, file.toString(), 0);
        return new Checked(new FiniteSource(a, file), streamed);
    }

    /** A checked clip's source (finite samples or an error) and whether to stream it. */
    public record Checked(AudioSource source, boolean streamed) {
    }

    private static void checkShape(Path file, OptionalInt sampleRate, int have, long frames, ModelSpec spec) {
        int rate = spec.sampleRate();
        int channels = spec.architecture().channels();
        if (sampleRate.isPresent() && sampleRate.getAsInt() != rate) {
            throw new BadInputException(file, "the audio is " + sampleRate.getAsInt() + " Hz; this model expects "
                    + rate + " Hz (--resample converts it, as the original code's convert_audio does)");
        }
        if (have != channels) {
            throw new BadInputException(file, "the audio has " + have + " channel"
                    + (have == 1 ? "" : "s") + "; this model expects " + channels + " (--resample converts"
                    + " mono and stereo, as the original code's convert_audio does)");
        }
        if (frames == 0) {
            throw new BadInputException(file, "the audio has no samples");
        }
    }

    /** Refuses audio with a non-finite sample, naming the first. */
    public static void checkFinite(Path file, Audio a) {
        for (int c = 0; c < a.channels(); c++) {
            checkFinite(file, a.channel(c), 0, a.frames(), c, 0);
        }
    }

    /** Refuses a non-finite sample in {@code x[from, from + n)} of channel {@code c}, clip sample {@code at} on. */
    static void checkFinite(Path file, float[] x, int from, int n, int c, long at) {
        for (int i = from; i < from + n; i++) {
            if (!Float.isFinite(x[i])) {
                throw new BadInputException(file, "sample " + (at + i - from) + " of channel " + c + " is " + x[i]
                        + "; the audio must be finite");
            }
        }
    }

    /** A source whose samples are checked as they are read ({@link #checkFinite}). */
    private static final class FiniteSource implements AudioSource {
        private final AudioSource in;
        private final Path file;
        private long position;

        FiniteSource(AudioSource in, Path file) {
            this.in = in;
            this.file = file;
        }

        @Override
        public int channels() {
            return in.channels();
        }

        @Override
        public OptionalInt sampleRate() {
            return in.sampleRate();
        }

        @Override
        public long frames() {
            return in.frames();
        }

        @Override
        public int read(float[][] into, int offset, int n) {
            int read = in.read(into, offset, n);
            for (int c = 0; c < into.length; c++) {
                checkFinite(file, into[c], offset, read, c, position);
            }
            position += read;
            return read;
        }

        @Override
        public void close() {
            in.close();
        }
    }

    public int channels() {
        return samples.length;
    }

    public int length() {
        return samples[0].length;
    }
}
