package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AudioFiles#open}: every WAV and FLAC the module's tests read, read through a source in awkward blocks, gives
 * exactly the samples of the whole-file {@link AudioFiles#read}, and every damaged one the same one-line message.
 */
class AudioSourceTest {
    private static final int[] BLOCKS = {1, 7, 4096, Integer.MAX_VALUE};

    @TempDir
    static Path tmp;

    /** The committed WAV and FLAC fixtures, the reference clips, and FLACs the reference encoder makes of them. */
    static List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.dir())) {
            s.filter(p -> p.toString().matches(".*\\.(wav|flac)")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.list(TestData.path("audio"))) {
            s.filter(p -> p.toString().endsWith(".wav")).sorted().forEach(files::add);
        }
        FlacReferenceTest.clips().forEach(a -> {
            String clip = (String) a.get()[0];
            String[] options = (String[]) a.get()[1];
            files.add(FlacCli.encode(TestData.path("audio/" + clip), tmp.resolve(clip + String.join("", options)
                    .replaceAll("\\W", "_") + ".flac"), options));
        });
        assertTrue(files.size() > 30, "files: " + files);
        return files;
    }

    /** Everything left in a source, read {@code block} frames at a time (at an offset, into larger arrays). */
    static Audio readAll(AudioSource source, int block) {
        int frames = (int) source.frames();
        int step = (int) Math.min(block, frames + 5L);
        float[][] out = new float[source.channels()][frames + step + 3];
        int done = 0;
        while (true) {
            int n = source.read(out, 3 + done, Math.min(step, out[0].length - 3 - done));
            if (n == 0) {
                break;
            }
            done += n;
        }
        assertEquals(frames, done, "frames read");
        assertEquals(0, source.read(out, 0, 1), "nothing after the end");
        float[][] samples = new float[out.length][];
        for (int c = 0; c < out.length; c++) {
            samples[c] = Arrays.copyOfRange(out[c], 3, 3 + frames);
        }
        return new Audio(samples, source.sampleRate());
    }

    static void assertSameAudio(Audio want, Audio got, String what) {
        assertEquals(want.sampleRate(), got.sampleRate(), what);
        assertEquals(want.channels(), got.channels(), what);
        for (int c = 0; c < want.channels(); c++) {
            assertArrayEquals(want.channel(c), got.channel(c), what + " channel " + c); // bit for bit
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void readsTheSamplesTheWholeFileReaderReads(Path file) {
        Audio want = AudioFiles.read(file);
        for (int block : BLOCKS) {
            try (AudioSource source = AudioFiles.open(file)) {
                assertEquals(want.frames(), source.frames());
                assertSameAudio(want, readAll(source, block), file.getFileName() + " in blocks of " + block);
            }
        }
    }

    static Stream<Arguments> flacFiles() throws IOException {
        return files().stream().filter(p -> p.toString().endsWith(".flac")).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("flacFiles")
    void aFlacLargerThanTheDecodersWindowDecodesTheSame(Path file) throws IOException {
        Audio want = FlacReader.read(file);
        // 256 bytes: the window slides at every frame, and widens for every frame larger than itself
        for (int window : new int[] {256, 5000}) {
            try (AudioSource source = FlacSource.open(file, window)) {
                assertSameAudio(want, readAll(source, 1000), file.getFileName() + " through a " + window
                        + "-byte window");
            }
        }
    }

    @Test
    void aLongFlacIsReadThroughASmallWindow() throws IOException {
        Path wav = TestData.path("audio/long_48000hz_2ch.wav");
        Path flac = FlacCli.encode(wav, tmp.resolve("long_b256.flac"), "-b", "256");
        assertTrue(Files.size(flac) > 20 * 4096, "the file is many windows long: " + Files.size(flac));
        try (AudioSource source = FlacSource.open(flac, 4096)) {
            assertSameAudio(WavReader.read(wav), readAll(source, 777), "long clip");
        }
    }

    @Test
    void anUnknownSampleCountIsCountedAtOpen() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.file("flac16_speech_24k_best.flac"));
        bytes[21] &= (byte) 0xF0; // STREAMINFO's total samples set to 0, "not known"
        Arrays.fill(bytes, 22, 26, (byte) 0);
        Path unknown = Files.write(tmp.resolve("unknown_total.flac"), bytes);
        try (AudioSource source = FlacSource.open(unknown, 256)) {
            assertEquals(4800, source.frames());
            assertSameAudio(FlacReader.read(Fixtures.file("flac16_speech_24k_best.flac")), readAll(source, 100),
                    "unknown total");
        }
    }

    @Test
    void theMd5IsCheckedByTheReadThatReachesTheEnd() throws IOException {
        byte[] bytes = Files.readAllBytes(Fixtures.file("flac16_speech_24k_best.flac"));
        bytes[30] ^= 1; // STREAMINFO's MD5
        Path f = Files.write(tmp.resolve("md5.flac"), bytes);
        String whole = assertThrows(BadInputException.class, () -> AudioFiles.read(f)).getMessage();
        try (AudioSource source = AudioFiles.open(f)) {
            float[][] out = new float[2][4800];
            assertEquals(4799, source.read(out, 0, 4799));
            BadInputException e = assertThrows(BadInputException.class, () -> source.read(out, 4799, 1));
            assertEquals(whole, e.getMessage());
            assertTrue(e.getMessage().contains("MD5"), e.getMessage());
        }
    }

    @Test
    void aClosedSourceRefusesReads() {
        AudioSource wav = AudioFiles.open(Fixtures.file("pcm16_stereo.wav"));
        wav.close();
        wav.close();
        assertThrows(IllegalStateException.class, () -> wav.read(new float[2][1], 0, 1));
        AudioSource flac = AudioFiles.open(Fixtures.file("flac16_speech_24k_best.flac"));
        flac.close();
        assertThrows(IllegalStateException.class, () -> flac.read(new float[2][1], 0, 1));
    }

    static List<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(Fixtures.dir())) {
            return s.filter(p -> p.toString().matches(".*\\.(wav|flac)")).sorted().toList();
        }
    }

    /** Truncations and damaged bytes of every fixture: the same audio or the same message both ways. */
    @ParameterizedTest
    @MethodSource("fixtures")
    void damagedFilesFailWithTheWholeFileReadersMessage(Path fixture) throws IOException {
        byte[] good = Files.readAllBytes(fixture);
        Random r = new Random(fixture.getFileName().toString().hashCode());
        Path f = tmp.resolve("damaged_" + fixture.getFileName());
        int step = Math.max(1, good.length / 60);
        int rejected = 0;
        for (int n = 0; n < good.length; n += step) {
            rejected += compare(f, Arrays.copyOf(good, n), "truncated to " + n);
        }
        for (int i = 0; i < 150; i++) {
            byte[] bad = good.clone();
            int at = r.nextInt(bad.length);
            if (r.nextBoolean()) {
                bad[at] ^= (byte) (1 << r.nextInt(8));
            } else {
                Arrays.fill(bad, at, Math.min(bad.length, at + 4), r.nextBoolean() ? (byte) 0xFF : 0);
            }
            rejected += compare(f, bad, "damaged at " + at);
        }
        assertTrue(rejected > 0, "no damage noticed in " + fixture);
    }

    /** 1 when both ways refused the bytes with the same message, 0 when both read the same audio. */
    private static int compare(Path f, byte[] bytes, String what) throws IOException {
        Files.write(f, bytes);
        String whole = outcome(f, AudioFiles::read);
        String streamed = outcome(f, p -> {
            try (AudioSource source = AudioFiles.open(p)) {
                return readAll(source, 1000);
            }
        });
        assertEquals(whole, streamed, f.getFileName() + " " + what);
        return whole.startsWith("refused") ? 1 : 0;
    }

    private static String outcome(Path f, Function<Path, Audio> read) {
        try {
            Audio a = read.apply(f);
            return "read " + a + " " + Arrays.deepHashCode(a.samples());
        } catch (BadInputException e) {
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
            return "refused: " + e.getMessage();
        } catch (RuntimeException | AssertionError e) {
            return fail(f.getFileName() + ": " + e, e);
        }
    }
}
