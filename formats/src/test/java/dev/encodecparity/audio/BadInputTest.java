package dev.encodecparity.audio;

import static dev.encodecparity.audio.Fixtures.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of bad file: each ends in a BadInputException that names the file and says what is wrong. */
class BadInputTest {
    @TempDir
    static Path tmp;

    private static final Duration FAST = Duration.ofSeconds(5);

    static Path write(String name, byte[] bytes) throws IOException {
        Path f = tmp.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    static void assertReason(String reason, String... parts) {
        for (String part : parts) {
            assertTrue(reason.contains(part), "'" + reason + "' should say '" + part + "'");
        }
    }

    @Nested
    class Wav {
        private final byte[] fmt16 = WavBytes.fmt(1, 1, 8000, 16);

        @Test
        void twoDataChunks() throws IOException {
            // Data before the format is legal; a second data chunk is not (which one is the audio?).
            Path f = write("twodata.wav", WavBytes.riff(WavBytes.chunk("data", WavBytes.shorts(1, 2)),
                    WavBytes.chunk("data", WavBytes.shorts(3, 4)), fmt16));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "two data chunks");
        }

        @Test
        void randomBytesAreNotAWav() throws IOException {
            byte[] junk = new byte[1000];
            new Random(1).nextBytes(junk);
            Path f = write("random.wav", junk);
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "not a WAV file");
        }

        @Test
        void anEmptyFileIsNotAWav() throws IOException {
            Path f = write("empty.wav", new byte[0]);
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "empty");
        }

        @Test
        void truncatedHeader() throws IOException {
            byte[] whole = WavBytes.riff(fmt16, WavBytes.chunk("data", WavBytes.shorts(1, 2)));
            Path f = write("short_fmt.wav", Arrays.copyOf(whole, 12 + 8 + 10));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "truncated header", "fmt");
            Path g = write("riff_only.wav", Arrays.copyOf(whole, 12));
            assertReason(assertBadInput(g, () -> WavReader.read(g)), "truncated header");
            Path h = write("eight.wav", Arrays.copyOf(whole, 8));
            assertReason(assertBadInput(h, () -> WavReader.read(h)), "truncated header");
        }

        @Test
        void truncatedData() throws IOException {
            byte[] whole = WavBytes.riff(fmt16, WavBytes.chunk("data", WavBytes.shorts(1, 2, 3, 4, 5, 6, 7, 8)));
            Path f = write("cut.wav", Arrays.copyOf(whole, whole.length - 6));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "truncated data", "16 bytes", "10 follow");
        }

        @Test
        void unsupportedFormatTag() throws IOException {
            Path f = write("mp3.wav", WavBytes.riff(WavBytes.fmt(0x55, 2, 44100, 16),
                    WavBytes.chunk("data", new byte[4])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)),
                    "unsupported WAV format tag 0x0055 (MPEG Layer 3); expected PCM (1), IEEE float (3)");
        }

        @Test
        void unsupportedExtensibleSubFormat() throws IOException {
            Path f = write("adpcm_ext.wav", WavBytes.riff(WavBytes.fmtExtensible(2, 1, 8000, 16,
                    WavFormat.GUID_TAIL), WavBytes.chunk("data", new byte[2])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "sub-format 0x0002 (Microsoft ADPCM)");
            byte[] otherGuid = WavFormat.GUID_TAIL.clone();
            otherGuid[11] = 0;
            Path g = write("guid_ext.wav", WavBytes.riff(WavBytes.fmtExtensible(1, 1, 8000, 16, otherGuid),
                    WavBytes.chunk("data", new byte[2])));
            assertReason(assertBadInput(g, () -> WavReader.read(g)), "sub-format GUID");
        }

        @Test
        void zeroChannels() throws IOException {
            Path f = write("nochannels.wav", WavBytes.riff(WavBytes.fmt(1, 0, 8000, 16),
                    WavBytes.chunk("data", new byte[4])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "0 channels");
        }

        @Test
        void zeroSampleRate() throws IOException {
            Path f = write("norate.wav", WavBytes.riff(WavBytes.fmt(1, 1, 0, 16),
                    WavBytes.chunk("data", new byte[4])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "sample rate 0");
        }

        @Test
        void unsupportedSampleSizes() throws IOException {
            Path f = write("pcm12.wav", WavBytes.riff(WavBytes.fmt(1, 1, 8000, 12), WavBytes.chunk("data",
                    new byte[4])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "12-bit PCM");
            Path g = write("half.wav", WavBytes.riff(WavBytes.fmt(3, 1, 8000, 16), WavBytes.chunk("data",
                    new byte[4])));
            assertReason(assertBadInput(g, () -> WavReader.read(g)), "16-bit IEEE float");
        }

        @Test
        void blockAlignThatDoesNotMatchTheFormat() throws IOException {
            byte[] fmt = fmt16.clone();
            fmt[8 + 12] = 3; // block align 3 for 16-bit mono
            Path f = write("align.wav", WavBytes.riff(fmt, WavBytes.chunk("data", new byte[6])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "block align 3");
        }

        @Test
        void absurdDataSizeFailsFast() throws IOException {
            // 0x7FFFFFF0 bytes of data declared in a file of under 1 kB: no allocation, an error at once.
            Path f = write("huge.wav", WavBytes.riff(fmt16, WavBytes.chunk("data", 0x7FFFFFF0L, new byte[900])));
            assertTimeoutPreemptively(FAST, () -> assertReason(assertBadInput(f, () -> WavReader.read(f)),
                    "declares 2147483632 bytes but only 900 follow"));
        }

        @Test
        void absurdChunkSizeBeforeTheData() throws IOException {
            Path f = write("hugelist.wav", WavBytes.riff(fmt16, WavBytes.chunk("LIST", 0xFFFFFF00L, new byte[10]),
                    WavBytes.chunk("data", new byte[4])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "chunk 'LIST'", "declares 4294967040 bytes");
        }

        @Test
        void dataThatIsNotWholeFrames() throws IOException {
            Path f = write("partial.wav", WavBytes.riff(WavBytes.fmt(1, 2, 8000, 16),
                    WavBytes.chunk("data", new byte[6])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "not a whole number of 4-byte frames");
        }

        @Test
        void missingChunks() throws IOException {
            Path f = write("nodata.wav", WavBytes.riff(fmt16, WavBytes.chunk("LIST", new byte[4])));
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "no data chunk");
            Path g = write("nofmt.wav", WavBytes.riff(WavBytes.chunk("data", new byte[4])));
            assertReason(assertBadInput(g, () -> WavReader.read(g)), "no fmt chunk");
            Path h = write("twofmt.wav", WavBytes.riff(fmt16, fmt16, WavBytes.chunk("data", new byte[4])));
            assertReason(assertBadInput(h, () -> WavReader.read(h)), "two fmt chunks");
        }

        @Test
        void rf64AndRifxAreRefusedClearly() throws IOException {
            byte[] wav = WavBytes.riff(fmt16, WavBytes.chunk("data", new byte[4]));
            byte[] rf64 = wav.clone();
            System.arraycopy("RF64".getBytes(StandardCharsets.US_ASCII), 0, rf64, 0, 4);
            Path f = write("big.wav", rf64);
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "RF64", "not supported");
            byte[] rifx = wav.clone();
            System.arraycopy("RIFX".getBytes(StandardCharsets.US_ASCII), 0, rifx, 0, 4);
            Path g = write("rifx.wav", rifx);
            assertReason(assertBadInput(g, () -> WavReader.read(g)), "RIFX");
        }

        @Test
        void aRiffThatIsNotWave() throws IOException {
            byte[] avi = WavBytes.riff(fmt16);
            System.arraycopy("AVI ".getBytes(StandardCharsets.US_ASCII), 0, avi, 8, 4);
            Path f = write("movie.wav", avi);
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "'AVI '");
        }

        @Test
        void missingFileAndFolder() throws IOException {
            Path f = tmp.resolve("does_not_exist.wav");
            assertReason(assertBadInput(f, () -> WavReader.read(f)), "no such file");
            Path d = Files.createDirectories(tmp.resolve("folder.wav"));
            assertReason(assertBadInput(d, () -> WavReader.read(d)), "is a folder; expected a .wav file");
        }
    }

    @Nested
    class Npy {
        @Test
        void badMagic() throws IOException {
            byte[] bytes = NpyWriter.toBytes(NdArray.float32(new float[] {1}, 1));
            bytes[1] = 'X';
            Path f = write("magic.npy", bytes);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "not a .npy file");
            Path g = write("text.npy", "hello, world\n".getBytes(StandardCharsets.US_ASCII));
            assertReason(assertBadInput(g, () -> NpyReader.read(g)), "not a .npy file");
        }

        @Test
        void truncatedHeader() throws IOException {
            byte[] bytes = NpyWriter.toBytes(NdArray.float32(new float[] {1}, 1));
            Path f = write("short.npy", Arrays.copyOf(bytes, 40));
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "truncated .npy header");
            Path g = write("magiconly.npy", Arrays.copyOf(bytes, 6));
            assertReason(assertBadInput(g, () -> NpyReader.read(g)), "truncated .npy header");
        }

        @Test
        void unsupportedVersion() throws IOException {
            byte[] bytes = NpyWriter.toBytes(NdArray.float32(new float[] {1}, 1));
            bytes[6] = 4;
            Path f = write("v4.npy", bytes);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "version 4.0");
        }

        @Test
        void unsupportedDtypes() throws IOException {
            for (String descr : new String[] {"<c8", "<f2", "|O", "<U5", "=f4", "|f4", "float32", ""}) {
                Path f = npy("dtype.npy", "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (1,), }", 8);
                assertReason(assertBadInput(f, () -> NpyReader.read(f)), "unsupported dtype '" + descr + "'");
            }
            Path f = npy("structured.npy", "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", 4);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "unsupported dtype", "structured");
        }

        @Test
        void headerThatIsNotADict() throws IOException {
            Path f = npy("list.npy", "[1, 2]", 0);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "not a Python dict");
            Path g = npy("code.npy", "{'descr': __import__('os').system('true'), 'fortran_order': False}", 0);
            assertReason(assertBadInput(g, () -> NpyReader.read(g)), "not a Python literal");
            Path h = npy("unclosed.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1,", 0);
            assertReason(assertBadInput(h, () -> NpyReader.read(h)), "not a Python literal");
        }

        @Test
        void wrongKeysAndValues() throws IOException {
            Path f = npy("keys.npy", "{'descr': '<f4', 'shape': (1,), }", 4);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "expected exactly descr, fortran_order, shape");
            Path g = npy("extra.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", 4);
            assertReason(assertBadInput(g, () -> NpyReader.read(g)), "expected exactly");
            Path h = npy("order.npy", "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }", 4);
            assertReason(assertBadInput(h, () -> NpyReader.read(h)), "fortran_order is 0");
            Path i = npy("listshape.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': [1], }", 4);
            assertReason(assertBadInput(i, () -> NpyReader.read(i)), "not a tuple of ints");
            Path j = npy("negshape.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }", 4);
            assertReason(assertBadInput(j, () -> NpyReader.read(j)), "negative axis");
            Path k = npy("floatshape.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }", 4);
            assertReason(assertBadInput(k, () -> NpyReader.read(k)), "not a Python literal", "not an integer");
        }

        @Test
        void shapeThatDoesNotMatchTheData() throws IOException {
            Path f = npy("short.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 20);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "truncated", "24 data bytes", "20 follow");
            Path g = npy("long.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 20);
            assertReason(assertBadInput(g, () -> NpyReader.read(g)), "4 bytes after the array data");
        }

        @Test
        void absurdShapeFailsFastWithoutAllocating() throws IOException {
            Path f = npy("huge.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1099511627776,), }", 1000);
            assertTimeoutPreemptively(FAST, () -> assertReason(assertBadInput(f, () -> NpyReader.read(f)),
                    "1099511627776 elements"));
            Path g = npy("overflow.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': "
                    + "(4294967296, 4294967296, 4294967296), }", 8);
            assertTimeoutPreemptively(FAST, () -> assertBadInput(g, () -> NpyReader.read(g)));
            Path h = npy("digits.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (" + "9".repeat(100)
                    + ",), }", 8);
            assertReason(assertBadInput(h, () -> NpyReader.read(h)), "more than 40 digits");
            // Fits a Java array, but not the file: 2^30 float32 elements declared, 1000 bytes present.
            Path i = npy("big.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1073741824,), }", 1000);
            assertTimeoutPreemptively(FAST, () -> assertReason(assertBadInput(i, () -> NpyReader.read(i)),
                    "truncated", "4294967296 data bytes"));
        }

        @Test
        void absurdHeaderLength() throws IOException {
            ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            b.put(NpyHeader.MAGIC).put((byte) 2).put((byte) 0).putInt(0xFFFFFFF0);
            Path f = write("hlen.npy", b.array());
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "header length 4294967280");
        }

        @Test
        void deeplyNestedHeaderIsRefusedWithoutStackOverflow() throws IOException {
            Path f = npy("deep.npy", "(".repeat(50_000) + ")".repeat(50_000), 0);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "nested deeper");
        }

        @Test
        void version3HeaderThatIsNotUtf8() throws IOException {
            byte[] bytes = NpyWriter.toBytes(NdArray.float32(new float[] {1}, 1));
            bytes[6] = 3;
            ByteBuffer b = ByteBuffer.allocate(bytes.length + 2).order(ByteOrder.LITTLE_ENDIAN);
            // Version 3 has a 4-byte length: rebuild the prefix, then put an invalid UTF-8 byte in the padding.
            b.put(NpyHeader.MAGIC).put((byte) 3).put((byte) 0).putInt(bytes.length - 10).put(bytes, 10,
                    bytes.length - 10);
            byte[] v3 = b.array();
            v3[12 + 60] = (byte) 0xC3;
            Path f = write("v3.npy", v3);
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "not valid UTF-8");
        }

        @Test
        void missingFile() {
            Path f = tmp.resolve("nope.npy");
            assertReason(assertBadInput(f, () -> NpyReader.read(f)), "no such file");
        }

        /** A version 1.0 .npy with the given dict and {@code dataBytes} zero bytes of data. */
        private Path npy(String name, String dict, int dataBytes) throws IOException {
            return write(name, npyBytes(dict, dataBytes));
        }
    }

    static byte[] npyBytes(String dict, int dataBytes) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(6 + 2 + 4 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyHeader.MAGIC).put((byte) 2).put((byte) 0).putInt(text.length).put(text);
        return b.array();
    }

    @Nested
    class Npz {
        @Test
        void entryThatIsNotNpy() throws IOException {
            Path f = write("notes.npz", zip("notes.txt", "hello".getBytes(StandardCharsets.US_ASCII)));
            assertReason(assertBadInput(f, () -> NpzReader.read(f)), "entry 'notes.txt'", "not a .npy array");
            Path g = write("fake.npz", zip("x.npy", "not numpy at all".getBytes(StandardCharsets.US_ASCII)));
            assertReason(assertBadInput(g, () -> NpzReader.read(g)), "entry 'x.npy'", "not a .npy file");
            Path h = write("dir.npz", zip("sub/", new byte[0]));
            assertReason(assertBadInput(h, () -> NpzReader.read(h)), "entry 'sub/'");
        }

        @Test
        void corruptNpz() throws IOException {
            byte[] junk = new byte[500];
            new Random(2).nextBytes(junk);
            Path f = write("junk.npz", junk);
            assertReason(assertBadInput(f, () -> NpzReader.read(f)), "not a valid .npz (zip) file");
            byte[] good = Files.readAllBytes(Fixtures.file("savez.npz"));
            Path g = write("half.npz", Arrays.copyOf(good, good.length / 2));
            assertReason(assertBadInput(g, () -> NpzReader.read(g)), "not a valid .npz (zip) file");
        }

        @Test
        void corruptCompressedData() throws IOException {
            byte[] bytes = Files.readAllBytes(Fixtures.file("savez_compressed.npz"));
            for (int i = 100; i < 300; i++) {
                bytes[i] ^= 0x5A; // inside the first entry's deflated data
            }
            Path f = write("flipped.npz", bytes);
            assertReason(assertBadInput(f, () -> NpzReader.read(f)), "entry 'audio.npy'");
        }

        @Test
        void crcMismatchInAStoredEntry() throws IOException {
            byte[] bytes = Files.readAllBytes(Fixtures.file("savez.npz"));
            // The last data byte of the first entry ("audio.npy", stored): a changed sample, same length.
            int at = indexOf(bytes, "codes.npy".getBytes(StandardCharsets.US_ASCII)) - 31;
            bytes[at] ^= 1;
            Path f = write("crc.npz", bytes);
            assertReason(assertBadInput(f, () -> NpzReader.read(f)), "entry 'audio.npy'", "CRC");
        }

        @Test
        void absurdShapeInsideAnEntryFailsFast() throws IOException {
            byte[] npy = npyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (536870912,), }", 100);
            Path f = write("bomb.npz", zip("a.npy", npy));
            assertTimeoutPreemptively(FAST, () -> assertReason(assertBadInput(f, () -> NpzReader.read(f)),
                    "entry 'a.npy'", "truncated"));
        }

        @Test
        void duplicateNames() throws IOException {
            byte[] npy = NpyWriter.toBytes(NdArray.int32(new int[] {1}, 1));
            Path g = write("dup2.npz", zipAllowingDuplicates("a.npy", npy));
            assertReason(assertBadInput(g, () -> NpzReader.read(g)), "appears twice");
        }

        @Test
        void missingFile() {
            Path f = tmp.resolve("nope.npz");
            assertReason(assertBadInput(f, () -> NpzReader.read(f)), "no such file");
        }

        private byte[] zip(Object... nameThenBytes) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                for (int i = 0; i < nameThenBytes.length; i += 2) {
                    z.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                    z.write((byte[]) nameThenBytes[i + 1]);
                    z.closeEntry();
                }
            }
            return out.toByteArray();
        }

        /** A zip with the same entry twice: ZipOutputStream refuses, so write "a.npy" and "b.npy" and rename. */
        private byte[] zipAllowingDuplicates(String name, byte[] npy) throws IOException {
            byte[] z = zip(name, npy, "b" + name.substring(1), npy);
            byte[] from = ("b" + name.substring(1)).getBytes(StandardCharsets.US_ASCII);
            for (int i = indexOf(z, from); i >= 0; i = indexOf(z, from)) {
                z[i] = (byte) name.charAt(0);
            }
            return z;
        }
    }

    @Nested
    class AudioFromFiles {
        @Test
        void unknownExtension() throws IOException {
            Path f = write("clip.mp3", new byte[10]);
            assertReason(assertBadInput(f, () -> AudioFiles.read(f)), "expected a .wav, .flac or .npy file");
            assertBadInput(f, () -> AudioFiles.write(f, Audio.of(new float[][] {{0f}}, 8000)));
        }

        @Test
        void integerNpyIsNotAudio() throws IOException {
            Path f = tmp.resolve("pcm.npy");
            NpyWriter.write(f, NdArray.int32(new int[] {1, 2}, 1, 2));
            assertReason(assertBadInput(f, () -> AudioFiles.read(f)), "float32", "not <i4");
        }

        @Test
        void shapesThatAreNotAudio() throws IOException {
            Path f = tmp.resolve("cube.npy");
            NpyWriter.write(f, NdArray.float32(new float[8], 2, 2, 2));
            assertReason(assertBadInput(f, () -> AudioFiles.read(f)), "(2, 2, 2) is not audio");
            Path g = tmp.resolve("scalar.npy");
            NpyWriter.write(g, NdArray.float32(new float[1]));
            assertReason(assertBadInput(g, () -> AudioFiles.read(g)), "() is not audio");
            Path h = tmp.resolve("nochannels.npy");
            NpyWriter.write(h, NdArray.float32(new float[0], 0, 5));
            assertReason(assertBadInput(h, () -> AudioFiles.read(h)), "no channels");
        }

        @Test
        void samplesByChannelsSaysToTranspose() throws IOException {
            Path f = tmp.resolve("transposed.npy");
            NpyWriter.write(f, NdArray.float32(new float[48000 * 2], 48000, 2));
            assertReason(assertBadInput(f, () -> AudioFiles.read(f)), "48000 channels", "Transpose");
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
