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
    private static final int BYTES_PER_WRITE = 1 << 16;

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
        int channels = audio.channels();
        int rate = audio.sampleRate().getAsInt();
        long dataSize = 2L * channels * audio.frames();
        if (36 + dataSize > 0xFFFFFFFFL || 2L * channels > 0xFFFF) {
            throw new BadInputException(file, "audio of " + audio.frames() + " frames x " + channels
                    + " channels is too long for a 16-bit WAV file (4 GiB)");
        }
        float factor = rescale ? Math.min(LIMIT / maxAbs(audio.samples()), 1f) : 1f;
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) (36 + dataSize)).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(16).putShort((short) WavFormat.PCM).putShort((short) channels).putInt(rate)
                .putInt(rate * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
        h.put(ascii("data")).putInt((int) dataSize);
        float[][] x = audio.samples();
        // Written a block at a time: a whole-file buffer would double a long clip's memory, and past 2 GiB of
        // samples (which a WAV file may hold) it cannot be allocated at all.
        int framesPerWrite = Math.max(1, BYTES_PER_WRITE / (2 * channels));
        ByteBuffer b = ByteBuffer.allocate(framesPerWrite * 2 * channels).order(ByteOrder.LITTLE_ENDIAN);
        FileOutput.write(file, out -> {
            out.write(h.array());
            for (int start = 0; start < audio.frames(); start += framesPerWrite) {
                int end = Math.min(audio.frames(), start + framesPerWrite);
                b.clear();
                for (int f = start; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        float v = rescale ? x[c][f] * factor : Math.max(-LIMIT, Math.min(LIMIT, x[c][f]));
                        b.putShort(toPcm16(v));
                    }
                }
                out.write(b.array(), 0, b.position());
            }
        });
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
