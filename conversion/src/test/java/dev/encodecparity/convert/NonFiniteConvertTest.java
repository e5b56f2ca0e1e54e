package dev.encodecparity.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.testing.Python;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * convert refuses weights that are not numbers, in every floating dtype, unless allowed; allowed, it keeps them and
 * says so in the provenance. Half-precision models with one NaN, one +Inf and one -Inf are made by torch
 * (testdata/scripts/make_non_finite.py) at test time.
 */
class NonFiniteConvertTest {
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final List<String> DETAILS = List.of("encoder.model.0.conv.conv.bias: 1 NaN of 2 values",
            "decoder.model.0.conv.conv.bias: 1 +Inf of 32 values",
            "quantizer.vq.layers.0._codebook.embed: 1 -Inf of 1024 values");

    @TempDir
    static Path made;
    @TempDir
    Path tmp;

    @BeforeAll
    static void makeCheckpoints() {
        Python.Result r = Python.script("make_non_finite.py", "--out", made);
        assertEquals(0, r.exitCode(), r.output());
    }

    @Test
    void halfPrecisionModelsAreRefusedNamingEveryTensor() {
        for (String dtype : List.of("bfloat16", "float16")) {
            Path ckpt = made.resolve("tiny_24khz_" + dtype + ".th");
            BadInputException e = assertThrows(BadInputException.class,
                    () -> Converter.toTransformers(ckpt, null, CONFIG, tmp.resolve("out"), false));
            assertEquals(ckpt + ": 3 tensors hold non-finite values; nothing was written (--allow-non-finite converts"
                    + " anyway)", e.getMessage());
            assertEquals(DETAILS.stream().sorted().toList(), e.details().stream().sorted().toList(), dtype);
            assertFalse(Files.exists(tmp.resolve("out")));
        }
    }

    @Test
    void allowedTheyAreConvertedAsTheyAreAndRecorded() {
        Path out = tmp.resolve("out");
        Converter.Result r = Converter.toTransformers(made.resolve("tiny_24khz_bfloat16.th"), null, CONFIG, out,
                false, true);
        assertEquals(3, r.nonFinite().size());
        try (SafetensorsFile f = SafetensorsFile.open(out.resolve("model.safetensors"))) {
            String recorded = f.metadata().get(Provenance.NON_FINITE_TENSORS);
            assertEquals(DETAILS.stream().sorted().toList(), Arrays.stream(recorded.split("; ")).sorted().toList());
            assertEquals(DType.BFLOAT16, f.tensors().get("encoder.layers.0.conv.bias").dtype());
        }
        // The way back refuses the folder's own tensors by their transformers names, and converts when allowed.
        BadInputException e = assertThrows(BadInputException.class,
                () -> Converter.toOriginal(out, tmp.resolve("back.th"), false));
        assertEquals(out.resolve("model.safetensors") + ": 3 tensors hold non-finite values; nothing was written"
                + " (--allow-non-finite converts anyway)", e.getMessage());
        assertTrue(e.details().contains("encoder.layers.0.conv.bias: 1 NaN of 2 values"), e.details().toString());
        assertFalse(Files.exists(tmp.resolve("back.th")));
        assertEquals(3, Converter.toOriginal(out, tmp.resolve("back.th"), false, true).nonFinite().size());
    }

    /** Bytes damaged into a NaN are damage: the CRC check speaks first, not the non-finite scan. */
    @Test
    void damageThatLooksLikeANaNIsReportedAsDamage() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.path("checkpoints/tiny_24khz.th"));
        int at = indexOf(bytes, "tiny_24khz/data/50".getBytes(StandardCharsets.US_ASCII)) + 200;
        Arrays.fill(bytes, at, at + 8, (byte) 0xff); // covers at least one whole float: 0xffffffff is a NaN
        Path damaged = Files.write(tmp.resolve("damaged.th"), bytes);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Converter.toTransformers(damaged, null, CONFIG, tmp.resolve("out"), false));
        assertTrue(e.getMessage().contains("zip entry tiny_24khz/data/50 is damaged: CRC-32 is"), e.fullText());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
