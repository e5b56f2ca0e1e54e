package dev.encodecparity.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.checkpoint.TorchZipWriter;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.tensor.HeapTensor;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test per kind of bad input. Each asserts the project's exception, a message that names the file and the
 * problem, and that nothing was written (no output folder, no staging leftovers).
 */
class BadInputTest {
    private static final Path PWNED = Path.of("/tmp/encodec-parity-pwned");
    private static final Path TINY_CONFIG = TestData.path("configs/tiny_24khz.json");

    @TempDir
    Path tmp;

    @BeforeEach
    void noMarker() throws IOException {
        Files.deleteIfExists(PWNED);
    }

    @ParameterizedTest
    @CsvSource({
        "os_system.th, os.system",
        "builtins_eval.th, builtins.eval",
        "posix_system.th, posix.system",
        "builtin_eval.th, __builtin__.eval",
        "nested_os_system.th, os.system",
        "legacy_os_system.th, os.system"})
    void aPickleThatImportsCodeIsRefusedAndNothingRuns(String file, String global) {
        BadInputException e = convertFails(TestData.path("checkpoints/hostile/" + file));
        assertTrue(e.fullText().contains("pickle imports " + global + ", which is not on the allow-list"),
                e.fullText());
        assertFalse(Files.exists(PWNED), "the payload ran");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "short_storage.th | tensor weight of shape [16] reads past the end of its storage",
        "truncated_storage.th | declares 16 elements but holds only 16 bytes",
        "absurd_shape.th | tensor weight of shape [2147483648, 2147483648] reads past the end of its storage",
        "bad_stride.th | reads past the end of its storage",
        "bad_offset.th | reads past the end of its storage",
        "negative_stride.th | negative stride",
        "absurd_legacy_numel.th | declares 1152921504606846976 elements (4 bytes each) but only 16 bytes are left"})
    void impossibleSizesAreRefusedWithoutAllocatingThem(String file, String reason) {
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> convertFails(TestData.path("checkpoints/hostile/" + file)));
        assertTrue(e.fullText().contains(reason), e.fullText());
    }

    @Test
    void notACheckpoint() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.th"), "just some text\n");
        assertTrue(convertFails(text).fullText().contains("not a torch checkpoint: starts with bytes 6a 75 73 74"));
        Path empty = Files.write(tmp.resolve("empty.th"), new byte[0]);
        assertTrue(convertFails(empty).fullText().contains("is empty"));
        assertTrue(convertFails(tmp.resolve("missing.th")).getMessage().contains("no such file"));
        assertTrue(convertFails(Files.createDirectory(tmp.resolve("a-folder"))).fullText().contains("is a folder"));
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 100, 4096, 180_000, -1})
    void truncatedZipCheckpoint(int keep) throws IOException {
        Path cut = truncated("checkpoints/tiny_24khz.th", keep);
        BadInputException e = convertFails(cut);
        assertTrue(e.fullText().startsWith(cut.toString()), e.fullText());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 30, 2000, 200_000, -1})
    void truncatedLegacyCheckpoint(int keep) throws IOException {
        Path cut = truncated("checkpoints/tiny_24khz_legacy.th", keep);
        BadInputException e = convertFails(cut);
        assertTrue(e.fullText().startsWith(cut.toString()), e.fullText());
    }

    @Test
    void damagedZipEntryIsCaughtByItsChecksum() throws IOException {
        BadInputException e = convertFails(withDamagedLstmWeight());
        assertTrue(e.fullText().matches("(?s).*zip entry tiny_24khz/data/50 is damaged: CRC-32 is [0-9a-f]{8}, the"
                + " directory says [0-9a-f]{8}"), e.fullText());
    }

    /** encode, decode, verify, golden and bench open checkpoints with Checkpoint.open, not convert's scan. */
    @Test
    void damagedZipEntryIsCaughtWhenAModelIsLoaded() throws IOException {
        Path damaged = withDamagedLstmWeight();
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoint.open(damaged).close());
        assertTrue(e.getMessage().matches(".*damaged.th: zip entry tiny_24khz/data/50 is damaged: CRC-32 is"
                + " [0-9a-f]{8}, the directory says [0-9a-f]{8}"), e.getMessage());
    }

    private Path withDamagedLstmWeight() throws IOException {
        return TestData.tinyWithDamagedTensor(tmp.resolve("damaged.th"));
    }

    @Test
    void damagedLocalHeaderIsCaught() throws IOException {
        byte[] bytes = Files.readAllBytes(TestData.path("checkpoints/tiny_24khz.th"));
        byte[] entry = "tiny_24khz/data/77".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        bytes[TestData.indexOf(bytes, entry) + 5] ^= 1;
        Path damaged = Files.write(tmp.resolve("damaged.th"), bytes);
        assertTrue(convertFails(damaged).fullText()
                .contains("zip entry tiny_24khz/data/77 has a damaged local header"));
    }

    @Test
    void aSafetensorsFileIsNotAnOriginalCheckpoint() throws IOException {
        Path folder = tmp.resolve("hf");
        Converter.toTransformers(TestData.path("checkpoints/tiny_24khz.th"), null, TINY_CONFIG, folder, false);
        BadInputException e = convertFails(folder.resolve("model.safetensors"));
        assertTrue(e.fullText().contains("looks like a safetensors file"), e.fullText());
    }

    @Test
    void theWrongVariantListsEveryDifference() {
        BadInputException e = assertThrows(BadInputException.class, () -> Converter.toTransformers(
                TestData.path("checkpoints/tiny_24khz.th"), null, TestData.path("configs/tiny_48khz.json"),
                tmp.resolve("out"), false));
        // 24 kHz weight-norm tensors cannot fill a 48 kHz GroupNorm model: all of them are listed.
        assertTrue(e.fullText().contains("unused source tensor: encoder.model.0.conv.conv.weight_g"), e.fullText());
        assertTrue(e.fullText().contains("missing tensor: encoder.layers.0.norm.weight [2]"), e.fullText());
        assertNothingWritten();
    }

    @Test
    void aNamedPresetThatDoesNotFit() {
        BadInputException e = assertThrows(BadInputException.class, () -> Converter.toTransformers(
                TestData.path("checkpoints/tiny_24khz.th"), "encodec_48khz", null, tmp.resolve("out"), false));
        assertTrue(e.fullText().contains("does not fit encodec_48khz"), e.fullText());
        assertNothingWritten();
    }

    @Test
    void missingExtraAndMisshapedTensorsAreAllListed() throws IOException {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        Path edited = tmp.resolve("edited.th");
        try (Checkpoint c = Checkpoint.open(TestData.path("checkpoints/tiny_24khz.th"))) {
            for (Map.Entry<String, Tensor> e : c.stateDict().entrySet()) {
                sd.put(e.getKey(), HeapTensor.ofFloats(e.getValue().shape(),
                        dev.encodecparity.tensor.TensorValues.toFloats(e.getValue())));
            }
        }
        sd.remove("encoder.model.3.conv.conv.weight_g");
        sd.put("encoder.model.3.conv.conv.extra", HeapTensor.ofFloats(new long[] {2}, 1f, 2f));
        sd.put("decoder.model.0.conv.conv.bias", HeapTensor.ofFloats(new long[] {3}, 1f, 2f, 3f));
        TorchZipWriter.write(edited, "edited", sd);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Converter.toTransformers(edited, null, TINY_CONFIG, tmp.resolve("out"), false));
        String m = e.fullText();
        assertTrue(m.contains("3 problems (1 unused, 1 missing, 1 mis-shaped)"), m);
        assertTrue(m.contains("unused source tensor: encoder.model.3.conv.conv.extra (becomes "
                + "encoder.layers.3.conv.extra,"
                + " which this model does not have)"), m);
        assertTrue(m.contains("missing tensor: encoder.layers.3.conv.weight_g [4, 1, 1]"), m);
        assertTrue(m.contains("wrong shape: decoder.model.0.conv.conv.bias is [3], decoder.layers.0.conv.bias "
                + "must be [32]"),
                m);
        assertNothingWritten();
    }

    @Test
    void anExistingOutputFolderIsKeptUnlessItIsAPreviousConversionAndForced() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Path keep = Files.writeString(out.resolve("keep.txt"), "mine");
        Path ckpt = TestData.path("checkpoints/tiny_24khz.th");
        BadInputException e = assertThrows(BadInputException.class,
                () -> Converter.toTransformers(ckpt, null, TINY_CONFIG, out, false));
        assertTrue(e.fullText().contains("folder exists and is not empty (1 entry: keep.txt); use --force"),
                e.fullText());
        e = assertThrows(BadInputException.class, () -> Converter.toTransformers(ckpt, null, TINY_CONFIG, out, true));
        assertTrue(e.fullText().contains("is not a converted model folder"), e.fullText());
        assertEquals("mine", Files.readString(keep));

        Files.delete(keep);
        Converter.toTransformers(ckpt, null, TINY_CONFIG, out, false);
        Object firstWeights = Files.readAttributes(out.resolve("model.safetensors"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        Converter.toTransformers(ckpt, null, TINY_CONFIG, out, true); // a previous conversion: replaced
        assertTrue(ConvertedFolder.KIND.isPreviousOutput(out));
        assertFalse(firstWeights.equals(Files.readAttributes(out.resolve("model.safetensors"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey()), "the folder was not replaced");
        assertEquals(List.of("out"), entries(tmp));
    }

    @Test
    void missingParentFoldersAreCreated() throws IOException {
        Path out = tmp.resolve("a/b/out");
        Converter.toTransformers(TestData.path("checkpoints/tiny_24khz.th"), null, TINY_CONFIG, out, false);
        assertTrue(Files.exists(out.resolve("config.json")));
    }

    @Test
    void anEmptyOutputFolderIsFilled() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("out"));
        Converter.toTransformers(TestData.path("checkpoints/tiny_24khz.th"), null, TINY_CONFIG, out, false);
        assertEquals(List.of("config.json", "model.safetensors", "preprocessor_config.json"), entries(out));
    }

    @Test
    void anUnwritableDestination() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        BadInputException e = assertThrows(BadInputException.class, () -> Converter.toTransformers(
                TestData.path("checkpoints/tiny_24khz.th"), null, TINY_CONFIG, file.resolve("out"), false));
        assertTrue(e.fullText().contains("parent folder cannot be created: " + file + " is not a folder"),
                e.fullText());
        // /proc refuses new entries even to root.
        BadInputException p = assertThrows(BadInputException.class, () -> Converter.toTransformers(
                TestData.path("checkpoints/tiny_24khz.th"), null, TINY_CONFIG, Path.of("/proc/encodec-parity-out"),
                false));
        assertTrue(p.getMessage().startsWith("/proc/encodec-parity-out: "), p.getMessage());
        assertFalse(Files.exists(Path.of("/proc/encodec-parity-out")));
    }

    private BadInputException convertFails(Path checkpoint) {
        BadInputException e = assertThrows(BadInputException.class,
                () -> Converter.toTransformers(checkpoint, null, TINY_CONFIG, tmp.resolve("out"), false));
        assertTrue(e.fullText().startsWith(checkpoint.toString()), e.fullText());
        assertNothingWritten();
        return e;
    }

    private Path truncated(String file, int keep) throws IOException {
        byte[] all = Files.readAllBytes(TestData.path(file));
        int n = keep < 0 ? all.length - 1 : keep;
        return Files.write(tmp.resolve("cut-" + n + ".th"), java.util.Arrays.copyOf(all, n));
    }

    private void assertNothingWritten() {
        assertFalse(Files.exists(tmp.resolve("out")), "output was written");
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".encodec-parity")),
                    "staging left behind");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
