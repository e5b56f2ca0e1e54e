package dev.encodecparity.audio;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;

/**
 * Reads native FLAC files (not Ogg FLAC): any sample size from 4 to 32 bits, 1 to 8 channels, every subframe type
 * and residual coding of the format (see {@link FlacFrame}, {@link FlacSubframe}), fixed or variable block sizes.
 *
 * <p>Samples become float32 exactly as {@link WavReader} turns the same PCM into floats, {@code x / 2^(bits-1)}: a
 * FLAC and the WAV that {@code flac -d} makes of it read to identical floats. The sample rate is STREAMINFO's.
 *
 * <p>Strict: a damaged file is refused, never read in part. Every frame header's CRC-8 and every frame's CRC-16
 * must match, frames must follow each other with nothing in between, every frame must agree with STREAMINFO (rate,
 * channels, sample size, at most its maximum block size), the frames must hold exactly STREAMINFO's sample count when
 * it is given, and the samples must match STREAMINFO's MD5 when it is not zero. Metadata blocks other than STREAMINFO
 * are skipped, and so are an ID3v2 tag before the stream and an ID3v1 tag after it, as taggers leave them.
 *
 * <p>Bounded by the file, not by what it declares: the whole file is read into memory (a FLAC is smaller than the
 * floats it becomes), and STREAMINFO's sample count sizes the output only when it is within
 * {@link #TRUSTED_EXPANSION} bytes of floats per byte of file. Otherwise (silence compresses far better; a damaged
 * or hostile file may claim 2^36 samples) the frames are decoded twice, first to count and check them and then into
 * arrays of exactly the size they hold.
 */
public final class FlacReader {
    private static final byte[] MAGIC = ascii("fLaC");
    private static final byte[] ID3V2 = ascii("ID3");
    private static final byte[] ID3V1 = ascii("TAG");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] OGG = ascii("OggS");
    private static final int MAX_FILE_BYTES = Integer.MAX_VALUE - 8;
    /** Bytes of float32 per byte of file up to which STREAMINFO's sample count is trusted to allocate at once. */
    static final long TRUSTED_EXPANSION = 16;
    private static final int ID3V2_HEADER = 10;
    private static final int ID3V1_SIZE = 128;
    private static final String[] BLOCK_TYPES = {"STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE",
        "VORBIS_COMMENT", "CUESHEET", "PICTURE"};
    private static final int INVALID_BLOCK_TYPE = 127;

    private FlacReader() {
    }

    /** Reads a FLAC file; the result always has a sample rate. */
    public static Audio read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a FLAC file and notes each coding feature it meets.
     *
     * @param features "LPC", "Rice2", "mid/side", "SEEKTABLE" ... (the tests check that every one is exercised), or
     *     null
     */
    static Audio read(Path file, Set<String> features) {
        byte[] data = readAll(file);
        if (data.length == 0) {
            throw new BadInputException(file, "empty file, not a FLAC");
        }
        int pos = afterId3v2(data, file);
        if (!startsWith(data, pos, MAGIC)) {
            throw new BadInputException(file, "not a FLAC file (it does not start with fLaC" + hint(data, pos) + ")");
        }
        pos += MAGIC.length;
        FlacStreamInfo info = null;
        boolean last = false;
        for (int index = 0; !last; index++) {
            if (data.length - pos < 4) {
                throw new BadInputException(file, "truncated file: it ends in the metadata, before the frames");
            }
            last = (data[pos] & 0x80) != 0;
            int type = data[pos] & 0x7F;
            int length = (data[pos + 1] & 0xFF) << 16 | (data[pos + 2] & 0xFF) << 8 | (data[pos + 3] & 0xFF);
            pos += 4;
            String name = type < BLOCK_TYPES.length ? BLOCK_TYPES[type] : "type " + type;
            if (length > data.length - pos) {
                throw new BadInputException(file, "truncated file: metadata block " + index + " (" + name
                        + ") declares " + length + " bytes but only " + (data.length - pos) + " follow");
            }
            if (index == 0 && type != 0) {
                throw new BadInputException(file, "the first metadata block is " + name + ", not STREAMINFO");
            }
            if (type == 0) {
                if (index > 0) {
                    throw new BadInputException(file, "a second STREAMINFO block (metadata block " + index + ")");
                }
                if (length != FlacStreamInfo.SIZE) {
                    throw new BadInputException(file, "STREAMINFO is " + length + " bytes; " + FlacStreamInfo.SIZE
                            + " expected");
                }
                info = FlacStreamInfo.parse(data, pos, file);
            } else if (type == INVALID_BLOCK_TYPE) {
                throw new BadInputException(file, "invalid metadata block type 127 (block " + index + ")");
            } else if (features != null) {
                features.add(name);
            }
            pos += length;
        }
        return decode(data, pos, info, file, features);
    }

    private static Audio decode(byte[] data, int first, FlacStreamInfo info, Path file, Set<String> features) {
        FlacBits bits = new FlacBits(data, file);
        FlacFrame frame = new FlacFrame(data, info, bits, features);
        long declared = info.totalSamples();
        float[][] out;
        if (declared > 0 && declared * info.channels() * Float.BYTES <= TRUSTED_EXPANSION * data.length) {
            out = new float[info.channels()][(int) declared];
            decodeFrames(data, first, info, frame, bits, out, true);
        } else {
            int count = decodeFrames(data, first, info, frame, bits, null, true);
            out = new float[info.channels()][count];
            decodeFrames(data, first, info, frame, bits, out, false);
        }
        return Audio.of(out, info.sampleRate());
    }

    /**
     * Decodes every frame, into {@code out} when it is not null, and returns the samples per channel.
     *
     * @param check whether to check the sample count and the MD5 (the second pass over checked frames need not)
     */
    private static int decodeFrames(byte[] data, int first, FlacStreamInfo info, FlacFrame frame, FlacBits bits,
            float[][] out, boolean check) {
        MessageDigest md5 = check && info.hasMd5() ? md5() : null;
        int bytesPerSample = (info.bitsPerSample() + 7) / 8;
        byte[] md5Buffer = new byte[0];
        // An exact power of two: the same scale as WavReader's for the same sample size, so the floats are the same.
        float scale = Math.scalb(1f, 1 - info.bitsPerSample());
        long done = 0;
        int pos = first;
        for (int index = 0; pos < data.length && !isId3v1(data, pos); index++) {
            int n = frame.decode(pos, index);
            long[][] samples = frame.samples();
            if (out != null) {
                if (done + n > out[0].length) {
                    throw tooMany(bits, info);
                }
                for (int c = 0; c < samples.length; c++) {
                    long[] s = samples[c];
                    float[] o = out[c];
                    for (int i = 0; i < n; i++) {
                        o[(int) done + i] = s[i] * scale;
                    }
                }
            }
            if (md5 != null) {
                int need = n * samples.length * bytesPerSample;
                if (md5Buffer.length < need) { // grown as the frame buffers are, by doubling
                    md5Buffer = new byte[Math.max(need, Math.min(2 * md5Buffer.length,
                            info.maxBlockSize() * samples.length * bytesPerSample))];
                }
                md5.update(md5Buffer, 0, littleEndian(samples, n, bytesPerSample, md5Buffer));
            }
            done += n;
            if (done > Integer.MAX_VALUE) {
                throw bits.bad("more than " + Integer.MAX_VALUE + " samples per channel; at most that many can be"
                        + " read");
            }
            pos = frame.end();
        }
        bits.at(-1, 0);
        if (check && info.totalSamples() > 0 && done != info.totalSamples()) {
            throw done < info.totalSamples()
                    ? bits.bad("truncated file: STREAMINFO declares " + info.totalSamples()
                            + " samples per channel, the frames hold " + done)
                    : tooMany(bits, info);
        }
        if (md5 != null && !Arrays.equals(md5.digest(), info.md5())) {
            throw bits.bad("the decoded samples do not match STREAMINFO's MD5 signature (the file is damaged)");
        }
        return (int) done;
    }

    private static BadInputException tooMany(FlacBits bits, FlacStreamInfo info) {
        return bits.bad("the frames hold more than the " + info.totalSamples() + " samples per channel that"
                + " STREAMINFO declares");
    }

    /** The samples as libFLAC hashes them: interleaved, little-endian, in the fewest whole bytes that hold them. */
    private static int littleEndian(long[][] samples, int n, int bytesPerSample, byte[] buffer) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (long[] channel : samples) {
                long v = channel[i];
                for (int b = 0; b < bytesPerSample; b++) {
                    buffer[k++] = (byte) (v >> 8 * b);
                }
            }
        }
        return k;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /** The whole file; one of over 2 GiB is refused (it would decode to more floats than one array holds anyway). */
    private static byte[] readAll(Path file) {
        try (FileChannel ch = InputFiles.open(file, "expected a .flac file")) {
            long size = ch.size();
            if (size > MAX_FILE_BYTES) {
                throw new BadInputException(file, "FLAC files over 2 GiB are not supported (this one is " + size
                        + " bytes); split it or convert it to WAV");
            }
            byte[] data = new byte[(int) size];
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                if (ch.read(b, b.position()) < 0) {
                    throw new BadInputException(file, "truncated file (ends at byte " + b.position() + ")");
                }
            }
            InputFiles.checkUnchanged(ch);
            return data;
        } catch (IOException e) {
            throw ReadErrors.of(file, e);
        }
    }

    /** Where the stream starts: after an ID3v2 tag, which some taggers put before a FLAC's "fLaC". */
    private static int afterId3v2(byte[] data, Path file) {
        if (!startsWith(data, 0, ID3V2) || data.length < ID3V2_HEADER) {
            return 0;
        }
        int size = 0;
        for (int i = 6; i < ID3V2_HEADER; i++) {
            size = size << 7 | (data[i] & 0x7F); // "syncsafe": 7 bits per byte
        }
        long end = ID3V2_HEADER + (long) size + ((data[5] & 0x10) != 0 ? ID3V2_HEADER : 0); // flag: a footer follows
        if (end > data.length) {
            throw new BadInputException(file, "truncated file: its ID3v2 tag declares " + size + " bytes but only "
                    + (data.length - ID3V2_HEADER) + " follow");
        }
        return (int) end;
    }

    /** An ID3v1 tag: the last 128 bytes of the file, starting with "TAG", where the next frame would start. */
    private static boolean isId3v1(byte[] data, int pos) {
        return pos == data.length - ID3V1_SIZE && startsWith(data, pos, ID3V1);
    }

    /** What the file seems to be instead, for the message. */
    private static String hint(byte[] data, int pos) {
        if (startsWith(data, pos, RIFF)) {
            return "; it is a WAV file: give it a .wav name";
        }
        if (startsWith(data, pos, OGG)) {
            return "; it is an Ogg file: Ogg FLAC is not supported, decode it to WAV first";
        }
        return "";
    }

    private static boolean startsWith(byte[] data, int pos, byte[] prefix) {
        return data.length - pos >= prefix.length
                && Arrays.equals(data, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
