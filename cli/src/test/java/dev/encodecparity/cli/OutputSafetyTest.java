package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Json;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command destroys what it did not create (issue 13, reproduced on the earlier main): {@code --force} replaces
 * only a previous output of the same kind, no output is, holds or sits inside an input, file outputs follow the same
 * rule as folders, and a forced run that cannot remove the old output fails and keeps it.
 */
class OutputSafetyTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final Path CLIP = TestData.path("audio/speech_24000hz_1ch.wav");

    @TempDir
    Path tmp;

    private Path converted(String name) {
        Path out = tmp.resolve(name);
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", out).exitCode());
        return out;
    }

    @Test
    void forceNeverReplacesTheModelFolderTheRunReads() throws IOException {
        Path model = converted("m");
        String before = digest(model);
        CliRun r = CliRun.of("golden", "record", "--model-dir", model, "--out", model, "--force", "--audio", CLIP);
        refused(r, model + ": is the input given as --model-dir (" + model + "); an output never replaces an input");
        assertEquals(before, digest(model));
    }

    @Test
    void forceNeverReplacesTheFolderThatHoldsTheCheckpoint() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("work"));
        Path ckpt = Files.copy(CKPT, dir.resolve("tiny.th"));
        CliRun r = CliRun.of("convert", "--checkpoint", ckpt, "--config", CONFIG, "--out", dir, "--force");
        refused(r, dir + ": holds the input given as --checkpoint (" + ckpt + "); writing there would replace it");
        assertTrue(Files.isRegularFile(ckpt));
    }

    @Test
    void forceReplacesOnlyAPreviousConversion() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("notes"));
        Files.writeString(mine.resolve("todo.txt"), "mine");
        CliRun r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", mine, "--force");
        refused(r, mine + ": is not a converted model folder written by encodec-parity (config.json,"
                + " model.safetensors, preprocessor_config.json) (it holds 1 entry: todo.txt)");
        assertEquals("mine", Files.readString(mine.resolve("todo.txt")));
        Path previous = converted("hf");
        Files.writeString(previous.resolve("README.md"), "a user's addition makes it no longer ours alone");
        refused(CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", previous, "--force"),
                "is not a converted model folder");
        Files.delete(previous.resolve("README.md"));
        assertEquals(0, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", previous, "--force")
                .exitCode());
    }

    @Test
    void noReportOrFileOutputReplacesAnInput() throws IOException {
        Path ckpt = Files.copy(CKPT, tmp.resolve("tiny.th"));
        String hash = Hashing.sha256(ckpt);
        refused(CliRun.of("verify", "--checkpoint", ckpt, "--config", CONFIG, "--audio", CLIP, "--report", ckpt,
                "--force"), ckpt + ": is the input given as --checkpoint");
        assertEquals(hash, Hashing.sha256(ckpt));

        Path model = converted("hf");
        Path goldens = tmp.resolve("goldens");
        assertEquals(0, CliRun.of("golden", "record", "--model-dir", model, "--out", goldens, "--audio", CLIP)
                .exitCode());
        String goldenDigest = digest(goldens);
        refused(CliRun.of("golden", "check", "--model-dir", model, "--goldens", goldens, "--report",
                goldens.resolve("manifest.json"), "--force"), "is inside the input folder given as --goldens");
        assertEquals(goldenDigest, digest(goldens));

        String modelDigest = digest(model);
        refused(CliRun.of("convert", "--to", "original", "--model-dir", model, "--out",
                model.resolve("model.safetensors"), "--force"), "is inside the input folder given as --model-dir");
        assertEquals(modelDigest, digest(model));
        refused(CliRun.of("encode", "--model-dir", model, "--audio", CLIP, "--bandwidth", "3.6", "--out",
                model.resolve("codes.npz")), "is inside the input folder given as --model-dir");
    }

    @Test
    void fileOutputsNeedForceAndForceReplacesOnlyTheirOwnKind() throws IOException {
        Path codes = tmp.resolve("codes.npz");
        Object[] encode = {"encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
            "--out", codes};
        assertEquals(0, CliRun.of(encode).exitCode());
        refused(CliRun.of(encode), codes + ": file exists; use --force to replace a previous output (a codes file"
                + " written by encodec-parity encode");
        CliRun forced = CliRun.of(append(encode, "--force"));
        assertEquals(0, forced.exitCode(), forced.err());
        JsonNode side = Json.MAPPER.readTree(tmp.resolve("codes.npz.json").toFile());
        assertEquals(Hashing.sha256(codes), side.get("sha256").asText(), "the sidecar names its codes");

        Path foreign = Files.writeString(tmp.resolve("theirs.npz"), "someone else's file");
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
                "--out", foreign, "--force"), foreign + ": is not a codes file written by encodec-parity encode");
        assertEquals("someone else's file", Files.readString(foreign));
        assertFalse(Files.exists(tmp.resolve("theirs.npz.json")));

        Path report = tmp.resolve("report.json");
        Object[] verify = {"verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
            "--report", report};
        assertEquals(0, CliRun.of(verify).exitCode());
        refused(CliRun.of(verify), report + ": file exists; use --force to replace a previous output (a JSON report");
        assertEquals(0, CliRun.of(append(verify, "--force")).exitCode());
    }

    @Test
    void convertingBackPrintsTheHashOfTheBytesItRead() throws IOException {
        Path model = converted("hf");
        String weights = Hashing.sha256(model.resolve("model.safetensors"));
        Path back = tmp.resolve("back.th");
        CliRun r = CliRun.of("convert", "--to", "original", "--model-dir", model, "--out", back);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("sha256:   " + weights + " (source)"), r.out());
        assertFalse(weights.equals(Hashing.sha256(back)));
    }

    @Test
    void aSidecarThatCannotBeWrittenStopsTheRunBeforeAnyOutput() throws IOException {
        Files.createDirectories(tmp.resolve("codes.npz.json"));
        refused(CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "3.6",
                "--out", tmp.resolve("codes.npz")), "codes.npz.json: is a folder; expected a file name");
        assertEquals(List.of("codes.npz.json"), names(tmp), "the codes appeared without their sidecar");
    }

    @Test
    void aReportOnStandardOutputIsTheOnlyThingThere() throws IOException {
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth",
                "3.6", "--report", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("pass", Json.MAPPER.readTree(r.out()).get("verdict").asText(), "stdout is not one JSON value");
        assertTrue(r.err().contains("PASS: 1 of 1 rows pass"), r.err());
    }

    @Test
    void aFailedConversionRemovesTheFoldersItCreated() throws IOException {
        Path damaged = TestData.tinyWithDamagedTensor(tmp.resolve("damaged.th")); // its CRC is checked while writing
        CliRun r = CliRun.of("convert", "--checkpoint", damaged, "--config", CONFIG, "--out", tmp.resolve("a/b/out"));
        refused(r, "zip entry tiny_24khz/data/50 is damaged");
        assertEquals(List.of("damaged.th"), names(tmp), "the failed run left folders or staging entries");
    }

    @Test
    void forceOverAConversionItCannotEmptyKeepsItAndFails() throws Exception {
        Path out = converted("hf");
        String before = digest(out);
        Path stuck = out.resolve("config.json");
        assumeTrue(TestData.chattr("+i", stuck), "chattr +i is not available here (needs root and ext4 or similar)");
        try {
            CliRun r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", out, "--force");
            refused(r, out + ": cannot be replaced: the previous output's config.json cannot be removed");
            assertEquals(before, digest(out));
            assertEquals(List.of("hf"), names(tmp), "a staging entry or the old folder was left behind");
        } finally {
            TestData.chattr("-i", stuck);
        }
    }

    @Test
    void theRootFolderIsRefusedNamingWhatIsInTheWay() {
        // once "null is not a folder"; every input sits somewhere under /
        for (String force : List.of("--force", "--model=auto")) {
            refused(CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", "/", force),
                    "/: holds the input given as --checkpoint (" + CKPT + "); writing there would replace it");
        }
    }

    static void refused(CliRun r, String message) {
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(message), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("null"), r.err());
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Names and SHA-256 of every file under {@code dir}. */
    static String digest(Path dir) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(f -> files.put(dir.relativize(f).toString(), Hashing.sha256(f)));
        }
        return files.toString();
    }

    private static Object[] append(Object[] args, Object more) {
        Object[] a = java.util.Arrays.copyOf(args, args.length + 1);
        a[args.length] = more;
        return a;
    }
}
