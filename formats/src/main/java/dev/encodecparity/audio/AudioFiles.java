package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Audio in and out of files, by extension: {@code .wav} (any format {@link WavReader} reads; written as float32),
 * {@code .flac} (read only, see {@link FlacReader}) or {@code .npy} (float32 {@code [channels, samples]} or
 * {@code [samples]}; written as float32 {@code [channels, samples]}, also for mono).
 *
 * <p>A {@code .npy} carries no sample rate, so audio read from one has an empty {@link Audio#sampleRate()}. A float64
 * {@code .npy} is accepted and rounded to float32, as the model computes in float32 anyway; integer arrays are refused,
 * because their scale (PCM counts or already [-1, 1]) cannot be told from the file.
 */
public final class AudioFiles {
    // More channels than any recording has: such an array is almost surely [samples, channels], and saying so helps.
    static final int MAX_NPY_CHANNELS = 1024;

    private AudioFiles() {
    }

    /** What {@link #read} takes, for messages. */
    static final String READABLE = "a .wav, .flac or .npy file";
    private static final String FLAC_NOT_WRITTEN = "FLAC is read but not written; write a .wav or .npy file";

    /** Reads audio from a {@code .wav}, {@code .flac} or {@code .npy} file. */
    public static Audio read(Path file) {
        InputFiles.checkFile(file, "expected " + READABLE); // before the name: /dev/zero has no extension
        return switch (kind(file)) {
            case WAV -> WavReader.read(file);
            case FLAC -> FlacReader.read(file);
            case NPY -> fromArray(NpyReader.read(file), file);
        };
    }

    /**
     * Opens a {@code .wav}, {@code .flac} or {@code .npy} file to be read a block at a time: a WAV or a FLAC is
     * streamed from the file in bounded memory ({@link WavSource}, {@link FlacSource}); a {@code .npy} is read whole.
     * The header is checked here, with the messages of {@link #read}; a fault in the samples surfaces from the read
     * that meets it.
     */
    public static AudioSource open(Path file) {
        InputFiles.checkFile(file, "expected " + READABLE);
        return switch (kind(file)) {
            case WAV -> WavSource.open(file);
            case FLAC -> FlacSource.open(file);
            case NPY -> AudioSource.of(fromArray(NpyReader.read(file), file));
        };
    }

    /**
     * The rest of a source's clip read into memory, with its rate: for a clip opened to see its header and then found
     * small enough to hold whole. The samples are those {@link #read} gives (the same decoders).
     *
     * @param file the source's file, for messages
     * @throws BadInputException when the clip is longer than one array can hold
     */
    public static Audio readAll(AudioSource source, Path file) {
        long frames = source.frames();
        if (frames > Integer.MAX_VALUE - 8) {
            throw new BadInputException(file, "audio of " + frames + " frames is too long to hold whole");
        }
        float[][] samples = new float[source.channels()][(int) frames];
        int at = 0;
        for (int n; at < frames && (n = source.read(samples, at, (int) frames - at)) > 0; ) {
            at += n;
        }
        if (at != frames) {
            throw new IllegalStateException(file + ": the source ended at frame " + at + " of " + frames);
        }
        return new Audio(samples, source.sampleRate());
    }

    /**
     * Creates a {@code .wav} or {@code .npy} file to be written a block at a time: finished, it holds exactly the bytes
     * {@link #write} writes for the same audio. The file is created new (an existing path is refused) and removed
     * again when writing fails or the sink is closed unfinished.
     *
     * @param sampleRate the WAV header's rate (a {@code .npy} has none)
     * @param frames the frames (samples per channel) that will be written
     * @throws BadInputException for an unknown extension or {@code .flac} (not written), or audio too long for the
     *     file (the same checks as {@link #write}), before the file is created
     * @throws IOException when the file cannot be created
     */
    public static AudioSink create(Path file, int channels, int sampleRate, long frames) throws IOException {
        return switch (kind(file)) {
            case WAV -> WavWriter.create(file, channels, sampleRate, frames);
            case NPY -> NpySink.create(file, channels, frames);
            case FLAC -> throw new BadInputException(file, FLAC_NOT_WRITTEN);
        };
    }

    /**
     * Writes audio to a {@code .wav} or {@code .npy} file (see {@link FileOutput}: in place, nothing left when it
      * fails).
     *
     * @throws BadInputException for an unknown extension or {@code .flac} (not written), or a WAV without a sample
     *     rate or over 4 GiB
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Audio audio) throws IOException {
        switch (kind(file)) {
            case WAV -> WavWriter.write(file, audio);
            case NPY -> NpyWriter.write(file, toArray(audio, file));
            case FLAC -> throw new BadInputException(file, FLAC_NOT_WRITTEN);
        }
    }

    /**
     * Audio from a float array of shape {@code [channels, samples]} or {@code [samples]} (one channel).
     *
     * @param file the file the array came from, for messages
     */
    public static Audio fromArray(NdArray array, Path file) {
        if (array.dtype() != DType.FLOAT32 && array.dtype() != DType.FLOAT64) {
            throw new BadInputException(file, "audio must be float32 (or float64), not " + array.dtype().numpyDescr());
        }
        float[] flat = array.toFloat32().floatData();
        long[] shape = array.shape();
        if (shape.length == 1) {
            return Audio.withoutSampleRate(new float[][] {flat});
        }
        if (shape.length != 2) {
            throw new BadInputException(file, "shape " + Shapes.pythonTuple(shape)
                    + " is not audio; expected [channels, samples] or [samples]");
        }
        if (shape[0] == 0) {
            throw new BadInputException(file, "shape " + Shapes.pythonTuple(shape) + " has no channels");
        }
        if (shape[0] > MAX_NPY_CHANNELS) {
            throw new BadInputException(file, "shape " + Shapes.pythonTuple(shape) + " would be " + shape[0]
                    + " channels; expected [channels, samples]: is the array [samples, channels]? Transpose it");
        }
        int channels = (int) shape[0];
        int frames = (int) shape[1]; // fits: channels >= 1, so frames <= the element count
        float[][] samples = new float[channels][];
        for (int c = 0; c < channels; c++) {
            samples[c] = Arrays.copyOfRange(flat, c * frames, (c + 1) * frames);
        }
        return Audio.withoutSampleRate(samples);
    }

    /** The audio as a float32 {@code [channels, samples]} array. */
    public static NdArray toArray(Audio audio, Path file) {
        long count = checkArraySize(file, audio.channels(), audio.frames());
        float[] flat = new float[(int) count];
        for (int c = 0; c < audio.channels(); c++) {
            System.arraycopy(audio.channel(c), 0, flat, c * audio.frames(), audio.frames());
        }
        return NdArray.float32(flat, audio.channels(), audio.frames());
    }

    /** The samples in a {@code [channels, frames]} array, refused when more than one Java array holds. */
    static long checkArraySize(Path file, int channels, long frames) {
        if (frames > Integer.MAX_VALUE) { // the product below could overflow
            throw new BadInputException(file, "audio of " + frames + " frames is too large for one array");
        }
        long count = channels * frames;
        if (count > Integer.MAX_VALUE - 8) {
            throw new BadInputException(file, "audio of " + count + " samples is too large for one array");
        }
        return count;
    }

    private enum Kind { WAV, FLAC, NPY }

    private static Kind kind(Path file) {
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".wav")) {
            return Kind.WAV;
        }
        if (lower.endsWith(".flac")) {
            return Kind.FLAC;
        }
        if (lower.endsWith(".npy")) {
            return Kind.NPY;
        }
        throw new BadInputException(file, "unknown audio file type; expected " + READABLE);
    }
}
