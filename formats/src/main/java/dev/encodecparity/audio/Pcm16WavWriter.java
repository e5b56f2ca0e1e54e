package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes 16-bit PCM WAV files as the original code's {@code save_audio} does ({@code decode --pcm16}), so that a
 * decoded file compares byte for byte with what the original {@code encodec} command writes: the audio clamped to
 * ±0.99 (or, with {@code rescale}, scaled down by {@code min(0.99 / max|x|, 1)}), then torchaudio's sox conversion to
 * 16 bits: each float times 2^31, rounded half away from zero to a 32-bit sample (saturating), then
 * {@code (s + 2^15) >> 16} (saturating at 32767), written after the plain 44-byte PCM header.
 */
public final class Pcm16WavWriter {
    /** save_audio's limit: nothing louder than 0.99 is written. */
    static final float LIMIT = 0.99f;

    private Pcm16WavWriter() {
    }

    /**
     * @param rescale scale the audio down to the limit instead of clamping it (save_audio's {@code rescale=True})
     * @throws BadInputException when the audio has no sample rate or does not fit a WAV file
     */
    public static void write(Path file, Audio audio, boolean rescale) throws IOException {
        if (audio.sampleRate().isEmpty()) {
            throw new BadInputException(file, "a WAV file needs a sample rate, and this audio has none");
        }
        int rate = audio.sampleRate().getAsInt();
        AudioSink out;
        if (rescale) {
            float factor = Math.min(LIMIT / maxAbs(audio.samples()), 1f);
            out = create(file, audio.channels(), rate, audio.frames(), (b, v) -> b.putShort(toPcm16(v * factor)));
        } else {
            out = create(file, audio.channels(), rate, audio.frames());
        }
        try (AudioSink sink = out) {
            sink.write(audio.samples(), 0, audio.frames());
            sink.finish();
        }
    }

    /**
     * Creates a 16-bit WAV file to be written a block at a time, clamped to ±0.99: finished, it holds exactly what
     * {@code write(file, audio, false)} writes for the same audio. See {@link AudioSink}: created new, removed again
     * if it is not finished. Rescaling is not offered: its factor depends on the whole clip's loudest sample, which a
     * stream does not know until its end.
     *
     * @param frames the frames (samples per channel) that will be written
     * @throws BadInputException when the audio would not fit a WAV file, before the file is created
     * @throws IOException when the file cannot be created
     */
    public static AudioSink create(Path file, int channels, int sampleRate, long frames) throws IOException {
        return create(file, channels, sampleRate, frames,
                (b, v) -> b.putShort(toPcm16(Math.max(-LIMIT, Math.min(LIMIT, v)))));
    }

    private static AudioSink create(Path file, int channels, int rate, long frames, WavSink.Encoding encoding)
            throws IOException {
        if (channels < 1 || rate < 1 || frames < 0) {
            throw new IllegalArgumentException(channels + " channels, " + rate + " Hz, " + frames + " frames");
        }
        long dataSize = 2L * channels * frames;
        if (frames > 0xFFFFFFFFL || 36 + dataSize > 0xFFFFFFFFL || 2L * channels > 0xFFFF) {
            throw new BadInputException(file, "audio of " + frames + " frames x " + channels
                    + " channels is too long for a 16-bit WAV file (4 GiB)");
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) (36 + dataSize)).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(16).putShort((short) WavFormat.PCM).putShort((short) channels).putInt(rate)
                .putInt(rate * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
        h.put(ascii("data")).putInt((int) dataSize);
        return new WavSink(file, channels, frames, h.array(), 2, encoding);
    }

    /** sox's float to 16-bit conversion (SOX_FLOAT_64BIT_TO_SAMPLE, then SOX_SAMPLE_TO_SIGNED_16BIT). */
    static short toPcm16(float v) {
        double d = v * 2147483648.0;
        long s32;
        if (d < 0) {
            s32 = d <= Integer.MIN_VALUE - 0.5 ? Integer.MIN_VALUE : (long) (d - 0.5);
        } else {
            s32 = d >= Integer.MAX_VALUE + 0.5 ? Integer.MAX_VALUE : (long) (d + 0.5);
        }
        if (s32 > Integer.MAX_VALUE - (1 << 15)) {
            return Short.MAX_VALUE;
        }
        return (short) ((int) (s32 + (1 << 15)) >> 16);
    }

    private static float maxAbs(float[][] x) {
        float m = 0;
        for (float[] ch : x) {
            for (float v : ch) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    private static byte[] ascii(String fourCc) {
        return fourCc.getBytes(StandardCharsets.US_ASCII);
    }
}
