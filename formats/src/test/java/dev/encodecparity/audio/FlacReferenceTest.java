package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FLAC files made at test time by the reference encoder ({@code flac}) from the reference clips in testdata/audio and
 * from PCM of other sample sizes and channel counts made of them, each read by {@link FlacReader} and by the reference
 * decoder ({@code flac -d}, its WAV read by {@link WavReader}): the floats must be identical, and identical to the
 * source's. The committed fixtures are checked against the reference decoder too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlacReferenceTest {
    @TempDir
    static Path tmp;

    /** Coding features met in the reference encoder's files, for the last test. */
    private static final Set<String> SEEN = new TreeSet<>();

    static Stream<Arguments> clips() {
        return Stream.of(
                Arguments.of("speech_24000hz_1ch.wav", new String[] {"--best"}),
                Arguments.of("music_48000hz_2ch.wav", new String[] {"--fast"}),
                Arguments.of("noise_32000hz_1ch.wav", new String[] {"-0"}),
                Arguments.of("speech_48000hz_2ch.wav", new String[] {"-5", "--no-mid-side"}),
                Arguments.of("silence_48000hz_2ch.wav", new String[] {"-8"}),
                // one block of 65,535 samples then a short one; LPC of order 32; partition orders up to 15
                Arguments.of("long_48000hz_2ch.wav", new String[] {"--lax", "-b", "65535", "-l", "32", "-r", "15"}),
                // 193 frames: frame numbers of two bytes; an odd length, a short last block
                Arguments.of("odd_24000hz_1ch.wav", new String[] {"--lax", "-b", "96", "-l", "12", "-e"}),
                Arguments.of("odd_48000hz_2ch.wav", new String[] {"-6", "-b", "1000", "-A", "tukey(0.5)"}),
                Arguments.of("music_32000hz_1ch.wav", new String[] {"-5", "--padding=4096", "-S", "10x", "-T",
                    "TITLE=music", "-T", "ARTIST=encodec-parity"}));
    }

    @ParameterizedTest
    @MethodSource("clips")
    @Order(1)
    void clipsEncodedByTheReferenceEncoder(String clip, String[] options) {
        Path wav = TestData.path("audio/" + clip);
        Path flac = FlacCli.encode(wav, tmp.resolve(clip + String.join("", options).replaceAll("\\W", "_")
                + ".flac"), options);
        assertSameAsReference(flac, WavReader.read(wav));
    }

    /** PCM of other sizes and channel counts, made from the 48 kHz clips; each is encoded at two settings. */
    static Stream<Arguments> pcm() {
        return Stream.of(
                Arguments.of("4-bit", 8, 4, 1),
                Arguments.of("8-bit", 8, 8, 1),
                Arguments.of("12-bit", 16, 12, 1),
                Arguments.of("20-bit", 24, 20, 2),
                Arguments.of("24-bit", 24, 24, 2),
                Arguments.of("24-bit holding 16", 24, 16, 2),
                Arguments.of("32-bit", 32, 32, 2),
                Arguments.of("16-bit, 8 channels", 16, 16, 8),
                // full-scale white noise, which no predictor shortens: stored VERBATIM
                Arguments.of("16-bit white noise", 16, 16, 1));
    }

    @ParameterizedTest
    @MethodSource("pcm")
    @Order(1)
    void otherSampleSizesAndChannelCounts(String what, int container, int bits, int channels) throws IOException {
        int[][] planar = what.contains("white noise") ? whiteNoise() : samples(bits, channels);
        // "24-bit holding 16": 16-bit samples shifted into 24 bits, which the encoder stores as 8 wasted bits
        int shift = what.contains("holding") ? 8 : 0;
        int[][] shifted = new int[channels][];
        for (int c = 0; c < channels; c++) {
            shifted[c] = Arrays.stream(planar[c]).map(v -> v << shift).toArray();
        }
        int valid = bits + shift;
        Path wav = Files.write(tmp.resolve(what.replaceAll("\\W", "_") + ".wav"),
                WavBytes.pcm(48000, container, valid, shifted));
        Audio source = WavReader.read(wav);
        // --lax: samples under 8 bits are outside the FLAC subset
        assertSameAsReference(FlacCli.encode(wav, tmp.resolve(wav.getFileName() + ".best.flac"), "--best", "--lax"),
                source);
        assertSameAsReference(FlacCli.encode(wav, tmp.resolve(wav.getFileName() + ".0.flac"), "-0", "--lax"), source);
    }

    static List<String> committed() throws IOException {
        List<String> names = new ArrayList<>(FlacReaderTest.encoded());
        names.addAll(FlacReaderTest.synthetic());
        return names;
    }

    @ParameterizedTest
    @MethodSource("committed")
    @Order(1)
    void committedFixturesReadAsTheReferenceDecoderReadsThem(String name) throws IOException {
        Path f = Fixtures.file(name);
        Path forReference = f;
        if (name.contains("id3")) {
            // The reference decoder stops with an error at an ID3v1 tag after the frames (this reader skips it).
            byte[] bytes = Files.readAllBytes(f);
            forReference = Files.write(tmp.resolve(name), Arrays.copyOf(bytes, bytes.length - 128));
        }
        Audio reference = WavReader.read(FlacCli.decode(forReference, tmp.resolve(name + ".wav")));
        assertEquals(reference, FlacReader.read(f));
    }

    private static void assertSameAsReference(Path flac, Audio source) {
        Audio reference = WavReader.read(FlacCli.decode(flac, tmp.resolve(flac.getFileName() + ".wav")));
        Audio ours = FlacReader.read(flac, SEEN);
        assertEquals(reference, ours, flac.getFileName() + ": FlacReader and flac -d differ");
        assertEquals(source, ours, flac.getFileName() + ": not the source's samples");
    }

    /**
     * Channels of {@code bits}-bit samples: the 16-bit 48 kHz clips (speech, music, noise, odd; both channels of each)
     * scaled to the size, with a deterministic pattern in the bits below 16 so that nothing is wasted.
     */
    private static int[][] samples(int bits, int channels) {
        List<float[]> sources = new ArrayList<>();
        for (String kind : List.of("speech", "music", "noise", "odd")) {
            Audio a = WavReader.read(TestData.path("audio/" + kind + "_48000hz_2ch.wav"));
            sources.add(a.channel(0));
            sources.add(a.channel(1));
        }
        int frames = sources.stream().mapToInt(s -> s.length).min().getAsInt(); // odd's: an odd length
        int[][] out = new int[channels][frames];
        for (int c = 0; c < channels; c++) {
            float[] s = sources.get(c);
            for (int i = 0; i < frames; i++) {
                int x16 = Math.round(s[i] * 32768f);
                int low = bits > 16 ? (i * 7919 + c * 104729) & ((1 << (bits - 16)) - 1) : 0;
                out[c][i] = bits >= 16 ? x16 << (bits - 16) | low : x16 >> (16 - bits);
            }
        }
        return out;
    }

    private static int[][] whiteNoise() {
        Random r = new Random(18);
        return new int[][] {r.ints(20000, -32768, 32768).toArray()};
    }

    @Test
    @Order(2)
    void theReferenceEncoderAloneUsesEveryCommonFeature() {
        // What the tests above met (run them with it); FlacReaderTest checks the hand-packed fixtures' features.
        for (String f : List.of("CONSTANT", "VERBATIM", "FIXED 0", "FIXED 1", "FIXED 2", "LPC", "Rice",
                "wasted bits", "left/side", "right/side", "mid/side", "independent channels", "fixed block size",
                "SEEKTABLE", "PADDING", "VORBIS_COMMENT")) {
            assertTrue(SEEN.contains(f), f + " is not exercised; seen: " + SEEN);
        }
    }
}
