package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes float32 WAV files: IEEE float (format 3) for mono and stereo, WAVE_FORMAT_EXTENSIBLE with the IEEE float
 * sub-format above two channels (as the format's spec asks), both with the {@code fact} chunk that non-PCM WAVs carry.
 * Samples are written as they are, without clipping: float WAVs may hold values beyond [-1, 1].
 *
 * <p>The extensible header's channel mask is 0 ("no speaker positions"): the model's channels have no layout.
 */
public final class WavWriter {
    private static final long MAX_RIFF_SIZE = 0xFFFFFFFFL;
    private static final int FMT_SIZE = 18;
    private static final int EXTENSIBLE_FMT_SIZE = 40;
    private static final int BYTES_PER_SAMPLE = 4;

    private WavWriter() {
    }

    /**
     * Writes {@code audio} to {@code file} (see {@link FileOutput}: in place, nothing left when it fails).
     *
     * @throws BadInputException when the audio has no sample rate or is too long for a WAV file (4 GiB)
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Audio audio) throws IOException {
        if (audio.sampleRate().isEmpty()) {
            throw new BadInputException(file, "a WAV file needs a sample rate, and this audio has none");
        }
        try (AudioSink sink = create(file, audio.channels(), audio.sampleRate().getAsInt(), audio.frames())) {
            sink.write(audio.samples(), 0, audio.frames());
            sink.finish();
        }
    }

    /**
     * Creates a float32 WAV file to be written a block at a time: finished, it holds exactly what {@link #write}
     * writes for the same audio. See {@link AudioSink}: created new, removed again if it is not finished.
     *
     * @param frames the frames (samples per channel) that will be written
     * @throws BadInputException when the audio would be too long for a WAV file (4 GiB), before the file is created
     * @throws IOException when the file cannot be created
     */
    public static AudioSink create(Path file, int channels, int sampleRate, long frames) throws IOException {
        if (channels < 1 || sampleRate < 1 || frames < 0) {
            throw new IllegalArgumentException(channels + " channels, " + sampleRate + " Hz, " + frames + " frames");
        }
        return new WavSink(file, channels, frames, header(file, channels, sampleRate, frames), BYTES_PER_SAMPLE,
                ByteBuffer::putFloat);
    }

    private static byte[] header(Path file, int channels, int rate, long frames) {
        long blockAlign = (long) channels * BYTES_PER_SAMPLE;
        boolean extensible = channels > 2;
        int fmtSize = extensible ? EXTENSIBLE_FMT_SIZE : FMT_SIZE;
        long dataSize = blockAlign * frames;
        long riffSize = 4 + (8 + fmtSize) + (8 + 4) + (8 + dataSize);
        if (blockAlign > 0xFFFF) {
            throw new BadInputException(file, channels + " channels are more than a WAV file can hold; write .npy");
        }
        if (blockAlign * rate > MAX_RIFF_SIZE) {
            throw new BadInputException(file, "a sample rate of " + rate + " Hz with " + channels
                    + " channels is more than a WAV header can describe");
        }
        if (frames > MAX_RIFF_SIZE || riffSize > MAX_RIFF_SIZE) { // the first: so that the product cannot overflow
            throw new BadInputException(file, "audio of " + frames + " frames x " + channels
                    + " channels is too long for a WAV file (4 GiB); write .npy instead");
        }
        ByteBuffer h = ByteBuffer.allocate(12 + 8 + fmtSize + 12 + 8).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(fmtSize)
                .putShort((short) (extensible ? WavFormat.EXTENSIBLE : WavFormat.IEEE_FLOAT))
                .putShort((short) channels)
                .putInt(rate)
                .putInt((int) (blockAlign * rate))
                .putShort((short) blockAlign)
                .putShort((short) (BYTES_PER_SAMPLE * 8));
        if (extensible) {
            h.putShort((short) 22) // cbSize: the extension's length
                    .putShort((short) (BYTES_PER_SAMPLE * 8)) // valid bits
                    .putInt(0) // channel mask
                    .putInt(WavFormat.IEEE_FLOAT).put(WavFormat.GUID_TAIL);
        } else {
            h.putShort((short) 0); // cbSize
        }
        h.put(ascii("fact")).putInt(4).putInt((int) frames);
        h.put(ascii("data")).putInt((int) dataSize);
        return h.array();
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.US_ASCII);
    }
}
