package dev.encodecparity.audio;

import static dev.encodecparity.audio.BadInputTest.assertReason;
import static dev.encodecparity.audio.Fixtures.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.ReaderContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per kind of bad FLAC: each ends in a BadInputException that names the file and says what is wrong, on one
 * line. Most are the speech fixture (two frames: 4,096 and 704 samples) with a few bytes changed.
 */
class FlacBadInputTest {
    /** Where STREAMINFO's packed fields (rate, channels, bits, total) start in a file without an ID3 tag. */
    private static final int PACKED = 18;

    @TempDir
    Path tmp;

    private final byte[] speech = read("flac16_speech_24k_best.flac");

    private static byte[] read(String fixture) {
        try {
            return Files.readAllBytes(Fixtures.file(fixture));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private String reason(String name, byte[] bytes) throws IOException {
        Path f = write(name, bytes);
        return assertBadInput(f, () -> AudioFiles.read(f));
    }

    /** The first byte of each frame, found by decoding them (the format has no index). */
    private static List<Integer> frameStarts(byte[] flac) {
        int pos = 4;
        boolean last = false;
        while (!last) {
            last = (flac[pos] & 0x80) != 0;
            pos += 4 + ((flac[pos + 1] & 0xFF) << 16 | (flac[pos + 2] & 0xFF) << 8 | (flac[pos + 3] & 0xFF));
        }
        FlacStreamInfo info = FlacStreamInfo.parse(flac, 8, null);
        FlacBits bits = new FlacBits(flac, null);
        FlacFrame frame = new FlacFrame(flac, info, bits, null);
        List<Integer> starts = new ArrayList<>();
        while (pos < flac.length) {
            starts.add(pos);
            frame.decode(pos, starts.size() - 1);
            pos = frame.end();
        }
        return starts;
    }

    /** The speech fixture with STREAMINFO's packed field {@code [from, from + width)} (bit 0: the rate's top) set. */
    private byte[] withField(int from, int width, long value) {
        byte[] b = speech.clone();
        long packed = 0;
        for (int i = 0; i < 8; i++) {
            packed = packed << 8 | (b[PACKED + i] & 0xFF);
        }
        int shift = 64 - from - width;
        long mask = ((1L << width) - 1) << shift;
        packed = packed & ~mask | value << shift & mask;
        for (int i = 7; i >= 0; i--) {
            b[PACKED + i] = (byte) packed;
            packed >>>= 8;
        }
        return b;
    }

    @Test
    void emptyFilesAndOtherFormats() throws IOException {
        assertReason(reason("empty.flac", new byte[0]), "empty file, not a FLAC");
        byte[] junk = new byte[1000];
        new Random(3).nextBytes(junk);
        assertReason(reason("random.flac", junk), "not a FLAC file (it does not start with fLaC)");
        byte[] wav = Files.readAllBytes(Fixtures.file("pcm16_stereo.wav"));
        assertReason(reason("wav.flac", wav), "it is a WAV file: give it a .wav name");
        assertReason(reason("ogg.flac", "OggS\0\2".getBytes(StandardCharsets.US_ASCII)), "Ogg FLAC is not supported");
    }

    @Test
    void truncatedFiles() throws IOException {
        List<Integer> frames = frameStarts(speech);
        assertEquals(2, frames.size());
        assertReason(reason("cut6.flac", Arrays.copyOf(speech, 6)), "truncated file: it ends in the metadata");
        assertReason(reason("cut30.flac", Arrays.copyOf(speech, 30)),
                "truncated file: metadata block 0 (STREAMINFO) declares 34 bytes but only 22 follow");
        assertReason(reason("cut_frame.flac", Arrays.copyOf(speech, speech.length - 5)),
                "frame 1 (byte " + frames.get(1) + "): truncated file: it ends inside the frame");
        assertReason(reason("cut_between.flac", Arrays.copyOf(speech, frames.get(1))),
                "truncated file: STREAMINFO declares 4800 samples per channel, the frames hold 4096");
        assertReason(reason("no_frames.flac", Arrays.copyOf(speech, frames.get(0))), "the frames hold 0");
        byte[] tagged = read("synthetic_id3_12bit.flac");
        assertReason(reason("cut_id3.flac", Arrays.copyOf(tagged, 20)),
                "its ID3v2 tag declares 18 bytes but only 10 follow");
    }

    @Test
    void aFlippedBitInAFrameIsACrcMismatchNamingTheFrame() throws IOException {
        List<Integer> frames = frameStarts(speech);
        byte[] header = speech.clone();
        header[frames.get(1) + 2] ^= 0x10; // the block size code
        assertReason(reason("header_bit.flac", header),
                "frame 1 (byte " + frames.get(1) + "): frame header CRC-8 mismatch (the frame is damaged)");
        byte[] data = speech.clone();
        data[frames.get(1) - 3] ^= 0x01; // the last bit before frame 0's CRC-16
        assertReason(reason("data_bit.flac", data),
                "frame 0 (byte " + frames.get(0) + "): CRC-16 mismatch (the frame is damaged)");
        byte[] crc = speech.clone();
        crc[crc.length - 1] ^= (byte) 0x80;
        assertReason(reason("crc_bit.flac", crc), "frame 1 (byte " + frames.get(1) + "): CRC-16 mismatch");
        // Any bit of the first frame's body: whatever breaks first, the message names the frame.
        for (int at = frames.get(0) + 8; at < frames.get(1); at += 97) {
            byte[] b = speech.clone();
            b[at] ^= (byte) (1 << at % 8);
            assertReason(reason("bit" + at + ".flac", b), "frame 0 (byte " + frames.get(0) + "): ");
        }
    }

    @Test
    void absurdStreamInfo() throws IOException {
        assertReason(reason("total_2p36.flac", withField(28, 36, (1L << 36) - 1)),
                "STREAMINFO declares 68719476735 samples per channel; at most 2147483647 can be read");
        Path claims = write("total_2p31.flac", withField(28, 36, Integer.MAX_VALUE));
        assertReason(assertBadInput(claims, () -> FlacReader.read(claims)),
                "truncated file: STREAMINFO declares 2147483647 samples per channel, the frames hold 4800");
        // refused after counting the frames, never allocated from the claim: within the heap of any binary format
        ReaderContract.check(claims, Files.size(claims), ReaderContract.BINARY_FACTOR, FlacReader::read);
        assertReason(reason("rate0.flac", withField(0, 20, 0)), "STREAMINFO declares a sample rate of 0 Hz");
        assertReason(reason("bits3.flac", withField(23, 5, 2)), "STREAMINFO declares 3-bit samples");
        byte[] tinyBlocks = speech.clone();
        tinyBlocks[10] = 0;
        tinyBlocks[11] = 8;
        assertReason(reason("max8.flac", tinyBlocks), "maximum block size of 8 samples; FLAC's smallest is 16");
        byte[] minAboveMax = speech.clone();
        minAboveMax[10] = 4; // max 1024, min still 4096
        minAboveMax[11] = 0;
        assertReason(reason("min_above_max.flac", minAboveMax), "minimum block size of 4096 samples, above its"
                + " maximum of 1024");
    }

    @Test
    void aFrameBeyondStreamInfosMaximumBlockSize() throws IOException {
        byte[] b = speech.clone();
        b[8] = 4; // min and max 1024; the first frame holds 4096
        b[9] = 0;
        b[10] = 4;
        b[11] = 0;
        assertReason(reason("max1024.flac", b), "frame 0 (byte " + frameStarts(speech).get(0)
                + "): block size 4096 is larger than STREAMINFO's maximum of 1024");
    }

    @Test
    void framesThatDisagreeWithStreamInfo() throws IOException {
        assertReason(reason("rate.flac", withField(0, 20, 24001)), "frame 0", "the frame is 24000 Hz, STREAMINFO"
                + " says 24001 Hz");
        assertReason(reason("channels.flac", withField(20, 3, 1)), "the frame has 1 channel, STREAMINFO says 2");
        assertReason(reason("bits.flac", withField(23, 5, 23)), "the frame has 16-bit samples, STREAMINFO says 24");
    }

    @Test
    void metadataBlocks() throws IOException {
        byte[] first = speech.clone();
        first[4] = 4;
        assertReason(reason("first.flac", first), "the first metadata block is VORBIS_COMMENT, not STREAMINFO");
        byte[] length = speech.clone();
        length[7] = 33;
        assertReason(reason("length.flac", length), "STREAMINFO is 33 bytes; 34 expected");
        byte[] second = speech.clone();
        second[42] = (byte) (second[42] & 0x80);
        assertReason(reason("second.flac", second), "a second STREAMINFO block (metadata block 1)");
        byte[] invalid = speech.clone();
        invalid[42] = (byte) (invalid[42] & 0x80 | 127);
        assertReason(reason("type127.flac", invalid), "invalid metadata block type 127 (block 1)");
        byte[] huge = speech.clone();
        huge[43] = (byte) 0xFF;
        assertReason(reason("huge.flac", huge), "truncated file: metadata block 1 (VORBIS_COMMENT) declares 167");
    }

    @Test
    void samplesThatDoNotMatchTheMd5() throws IOException {
        byte[] b = speech.clone();
        b[30] ^= 1;
        assertReason(reason("md5.flac", b), "the decoded samples do not match STREAMINFO's MD5 signature");
    }

    @Test
    void bytesAfterTheLastFrame() throws IOException {
        byte[] b = Arrays.copyOf(speech, speech.length + 10);
        assertReason(reason("trailing.flac", b), "frame 2 (byte " + speech.length + "): no frame sync code");
    }

    @Test
    void missingFileAndFolder() {
        Path missing = tmp.resolve("missing.flac");
        assertReason(assertBadInput(missing, () -> AudioFiles.read(missing)), "no such file");
        assertReason(assertBadInput(tmp, () -> AudioFiles.read(tmp)), "is a folder; expected a .wav, .flac or .npy");
    }

    /**
     * A FLAC of CONSTANT frames: 8-bit, {@code frames} of {@code block} samples on every channel, in 10 + 2 *
     * channels bytes each; STREAMINFO declares {@code declared} samples per channel.
     */
    static byte[] constantFlac(int channels, int block, int frames, long declared) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("fLaC".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0x80, 0, 0, 34, (byte) (block >> 8), (byte) block, (byte) (block >> 8),
            (byte) block, 0, 0, 0, 0, 0, 0});
        long packed = 8000L << 44 | (long) (channels - 1) << 41 | 7L << 36 | declared;
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (packed >>> i));
        }
        out.writeBytes(new byte[16]); // no MD5
        for (int f = 0; f < frames; f++) {
            byte[] frame = new byte[8 + 2 * channels + 2];
            byte[] header = {(byte) 0xFF, (byte) 0xF8, 0x70, (byte) ((channels - 1) << 4 | 2), (byte) f,
                (byte) (block - 1 >> 8), (byte) (block - 1)};
            System.arraycopy(header, 0, frame, 0, header.length);
            frame[7] = (byte) FlacBits.crc8(frame, 0, 7);
            for (int c = 0; c < channels; c++) {
                frame[9 + 2 * c] = (byte) (c * 30 - 100); // subframe header 0 (CONSTANT), then the value
            }
            int crc = FlacBits.crc16(frame, 0, frame.length - 2);
            frame[frame.length - 2] = (byte) (crc >> 8);
            frame[frame.length - 1] = (byte) crc;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    @Test
    void framesOfSilenceThatExpandFarAreReadWithinTheFlacBound() throws IOException {
        // 8 channels x 65,535 samples in 26 bytes a frame: 2 MiB of floats each, the format's densest but for 4-bit
        Path dense = write("dense.flac", constantFlac(8, 65535, 8, 8 * 65535));
        ReaderContract.check(dense, Files.size(dense), ReaderContract.FLAC_FACTOR, f -> {
            Audio a = FlacReader.read(f);
            assertEquals(8 * 65535, a.frames());
            assertEquals(-100 / 128f, a.channel(0)[12345]);
        });
        assertTrue(Files.size(dense) < 300);
        Path lying = write("lying.flac", constantFlac(8, 65535, 8, Integer.MAX_VALUE));
        assertReason(assertBadInput(lying, () -> FlacReader.read(lying)), "STREAMINFO declares 2147483647");
    }
}
