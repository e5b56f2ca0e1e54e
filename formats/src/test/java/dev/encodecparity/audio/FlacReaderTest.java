package dev.encodecparity.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed FLAC fixtures (testdata/formats, made by make_flac_fixtures.py): those cut from the reference clips by
 * the reference encoder read to exactly the clip's floats, the hand-packed ones to the integers they were made of.
 * {@link FlacReferenceTest} compares with the reference decoder as well.
 */
class FlacReaderTest {
    @TempDir
    Path tmp;

    static JsonNode expected() throws IOException {
        return new ObjectMapper().readTree(Fixtures.file("flac_expected.json").toFile());
    }

    static List<String> fixtures(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        expected().fieldNames().forEachRemaining(n -> {
            if (n.startsWith(prefix)) {
                names.add(n);
            }
        });
        assertTrue(names.size() >= 4, prefix + " fixtures: " + names);
        return names;
    }

    static List<String> encoded() throws IOException {
        return fixtures("flac16_");
    }

    static List<String> synthetic() throws IOException {
        return fixtures("synthetic_");
    }

    /** The floats {@code start} to {@code end} (or the end) of a clip, as WavReader reads them. */
    static Audio clipPart(JsonNode e) {
        Audio clip = WavReader.read(TestData.path(e.get("clip").asText()));
        int start = e.get("start").intValue();
        int end = e.get("end").isNull() ? clip.frames() : e.get("end").intValue();
        float[][] part = new float[clip.channels()][];
        for (int c = 0; c < part.length; c++) {
            part[c] = Arrays.copyOfRange(clip.channel(c), start, end);
        }
        return Audio.of(part, clip.sampleRate().getAsInt());
    }

    @ParameterizedTest
    @MethodSource("encoded")
    void encodedFixturesReadToTheClipTheyWereCutFrom(String name) throws IOException {
        Audio want = clipPart(expected().get(name));
        Audio got = FlacReader.read(Fixtures.file(name));
        assertEquals(want.sampleRate(), got.sampleRate());
        assertEquals(want.channels(), got.channels());
        for (int c = 0; c < want.channels(); c++) {
            // assertArrayEquals on float[] compares bits: the floats must be exactly the WAV reader's
            assertArrayEquals(want.channel(c), got.channel(c), name + " channel " + c);
        }
    }

    @ParameterizedTest
    @MethodSource("synthetic")
    void syntheticFixturesReadToTheIntegersTheyWereMadeOf(String name) throws IOException {
        JsonNode e = expected().get(name);
        int bits = e.get("bits").intValue();
        JsonNode samples = e.get("samples");
        Audio got = FlacReader.read(Fixtures.file(name));
        assertEquals(samples.size(), got.channels());
        for (int c = 0; c < samples.size(); c++) {
            float[] want = new float[samples.get(c).size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = (float) (samples.get(c).get(i).longValue() / Math.pow(2, bits - 1));
            }
            assertArrayEquals(want, got.channel(c), name + " channel " + c);
        }
    }

    @Test
    void theFixturesTogetherUseEveryCodingFeatureTheReferenceEncoderCannotBeAskedFor() throws IOException {
        Set<String> seen = new TreeSet<>();
        for (String name : synthetic()) {
            FlacReader.read(Fixtures.file(name), seen);
        }
        for (String f : List.of("escaped partition", "Rice2", "variable block size", "wasted bits", "CONSTANT",
                "VERBATIM", "FIXED 0", "FIXED 1", "FIXED 2", "FIXED 3", "FIXED 4", "LPC", "left/side", "right/side",
                "mid/side", "independent channels", "APPLICATION", "PADDING", "type 10")) {
            assertTrue(seen.contains(f), f + " is not exercised; seen: " + seen);
        }
    }

    @Test
    void id3TagsAroundTheStreamAreSkipped() throws IOException {
        byte[] tagged = Files.readAllBytes(Fixtures.file("synthetic_id3_12bit.flac"));
        int start = TestData.indexOf(tagged, "fLaC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(start > 0, "the fixture starts with an ID3v2 tag");
        Path bare = Files.write(tmp.resolve("bare.flac"), Arrays.copyOfRange(tagged, start, tagged.length - 128));
        assertEquals(FlacReader.read(bare), FlacReader.read(Fixtures.file("synthetic_id3_12bit.flac")));
    }

    @Test
    void anUnknownSampleCountReadsTheSame() throws IOException {
        // STREAMINFO's total (the low 36 bits of bytes 21..25 of the file) set to 0, "not known": the frames are
        // counted first, then decoded into arrays of that size.
        Path f = Fixtures.file("flac16_speech_24k_best.flac");
        byte[] bytes = Files.readAllBytes(f);
        bytes[21] &= (byte) 0xF0;
        Arrays.fill(bytes, 22, 26, (byte) 0);
        Path unknown = Files.write(tmp.resolve("unknown_total.flac"), bytes);
        assertEquals(FlacReader.read(f), FlacReader.read(unknown));
    }

    @Test
    void audioFilesReadsFlacByItsExtensionInAnyCase() throws IOException {
        Path f = Fixtures.file("flac16_music_48k_stereo_fast.flac");
        assertEquals(FlacReader.read(f), AudioFiles.read(f));
        assertEquals(OptionalInt.of(48000), AudioFiles.read(f).sampleRate());
        Path upper = Files.copy(f, tmp.resolve("MUSIC.FLAC"));
        assertEquals(FlacReader.read(f), AudioFiles.read(upper));
    }

    @Test
    void flacIsReadButNotWritten() {
        Path out = tmp.resolve("out.flac");
        BadInputTest.assertReason(Fixtures.assertBadInput(out, () -> AudioFiles.write(out,
                Audio.of(new float[][] {{0f}}, 8000))), "FLAC is read but not written");
        assertTrue(Files.notExists(out));
    }
}
