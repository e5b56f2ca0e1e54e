package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: PCM 8 (unsigned), 16, 24 and 32-bit, IEEE float 32 and 64-bit, plain or
 * WAVE_FORMAT_EXTENSIBLE.
 *
 * <p>Samples become float32 exactly as NumPy would compute them: integers {@code x / 2^(bits-1)} (8-bit
 * {@code (x - 128) / 128}), a power-of-two scale that is exact, so only 32-bit PCM rounds (to float32's 24-bit
 * mantissa, to nearest); float64 rounds to the nearest float32.
 *
 * <p>Chunks other than {@code fmt } and {@code data} are skipped, including the pad byte after an odd-sized chunk.
 * The RIFF size in the header is not relied on (writers get it wrong); every chunk size is checked against the file
 * instead. A data size of 0xFFFFFFFF, or of 0 in a file whose RIFF size is 0 or 0xFFFFFFFF, is what streaming
 * writers leave behind and is read as "to the end of the file", whole frames only. RF64 and big-endian RIFX are
 * refused.
 */
public final class WavReader {
    private static final int READ_CHUNK = 1 << 16;

    private WavReader() {
    }

    /** Reads a WAV file; the result always has a sample rate. */
    public static Audio read(Path file) {
        try (FileChannel ch = InputFiles.open(file, "expected a .wav file")) {
            return read(ch, ch.size(), file);
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    private static Audio read(FileChannel ch, long size, Path file) throws IOException {
        WavHeader header = WavHeader.read(ch, size, file);
        WavFormat format = header.format();
        long frames = header.frames();
        if (frames > Integer.MAX_VALUE) {
            throw new BadInputException(file, frames + " frames; at most " + Integer.MAX_VALUE + " can be read");
        }
        float[][] samples = new float[format.channels()][(int) frames];
        decode(ch, header.dataStart(), (int) frames, format, samples, file);
        return Audio.of(samples, format.sampleRate());
    }

    /** Decodes interleaved frames, a buffer of whole frames at a time, into planar floats. */
    private static void decode(FileChannel ch, long start, int frames, WavFormat format, float[][] out, Path file)
            throws IOException {
        int framesPerRead = Math.max(1, READ_CHUNK / format.blockAlign());
        for (int done = 0; done < frames; ) {
            int n = Math.min(framesPerRead, frames - done);
            long at = start + (long) done * format.blockAlign();
            ByteBuffer b = WavHeader.readAt(ch, at, n * format.blockAlign(), file);
            decodeFrames(b, format, out, done, n);
            done += n;
        }
    }

    /** Decodes {@code n} interleaved frames from {@code b} into {@code out[c][offset ..]}. */
    static void decodeFrames(ByteBuffer b, WavFormat format, float[][] out, int offset, int n) {
        int channels = format.channels();
        int end = offset + n;
        // One loop per format: the per-sample work is a few instructions, so the branch stays out of it.
        switch (format.floating() ? -format.bitsPerSample() : format.bitsPerSample()) {
            case 8 -> {
                for (int f = offset; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][f] = ((b.get() & 0xFF) - 128) * 0x1p-7f;
                    }
                }
            }
            case 16 -> {
                for (int f = offset; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][f] = b.getShort() * 0x1p-15f;
                    }
                }
            }
            case 24 -> {
                for (int f = offset; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        int x = (b.get() & 0xFF) | (b.get() & 0xFF) << 8 | b.get() << 16; // sign from the top byte
                        out[c][f] = x * 0x1p-23f;
                    }
                }
            }
            case 32 -> {
                for (int f = offset; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][f] = (float) b.getInt() * 0x1p-31f;
                    }
                }
            }
            case -32 -> {
                for (int f = offset; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][f] = b.getFloat();
                    }
                }
            }
            case -64 -> {
                for (int f = offset; f < end; f++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][f] = (float) b.getDouble();
                    }
                }
            }
            default -> throw new AssertionError(format);
        }
    }
}
