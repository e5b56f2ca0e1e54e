package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.safetensors.SafetensorsWriter;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.TestData;
import dev.encodecparity.verify.BreakageAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code diff}: a conversion against itself, a fresh conversion and its checkpoint is identical (exit 0); a scaled
 * tensor, a changed config field and a missing tensor are named (exit 1); what only says who wrote a file (the
 * metadata, transformers_version, the weight-norm spelling) is reported and decides nothing.
 */
class DiffCommandTest {
    private static final Path CKPT = TestData.path("checkpoints/tiny_24khz.th");
    private static final Path CONFIG = TestData.path("configs/tiny_24khz.json");
    private static final String BIAS = "encoder.layers.0.conv.bias";

    @TempDir
    Path tmp;

    private Path convert(String name) {
        Path out = tmp.resolve(name);
        CliRun r = CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", out);
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        return out;
    }

    @Test
    void aFolderIsIdenticalToItselfAndToAFreshConversionByteForByte() {
        Path hf = convert("hf");
        CliRun self = CliRun.of("diff", hf, hf);
        assertEquals(ExitCode.OK, self.exitCode(), self.out() + self.err());
        CliRun fresh = CliRun.of("diff", hf, convert("again"));
        assertEquals(ExitCode.OK, fresh.exitCode(), fresh.out() + fresh.err());
        assertTrue(fresh.out().contains("identical: 156 tensors, 27 config fields, 8 preprocessor fields; the"
                + " folders' model files are byte for byte the same"), fresh.out());
        assertTrue(fresh.out().contains("model.safetensors: byte for byte the same"), fresh.out());
        assertTrue(fresh.out().contains("metadata: the same"), fresh.out());
    }

    @Test
    void aCheckpointHasTheTensorsAndConfigsOfItsConversion() throws IOException {
        Path hf = convert("hf");
        Path report = tmp.resolve("diff.json");
        CliRun r = CliRun.of("diff", CKPT, hf, "--config", CONFIG, "--report", report);
        assertEquals(ExitCode.OK, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("converted in memory"), r.out());
        JsonNode doc = Json.MAPPER.readTree(report.toFile());
        assertEquals("identical", doc.get("verdict").asText());
        assertEquals(156, doc.get("tensors").get("identical").asInt());
        assertFalse(doc.get("metadata").get("compared").asBoolean(), "a checkpoint has no metadata");
        assertTrue(doc.get("files").get("byte_identical").isNull());

        // An audiocraft package: settings from its xp.cfg, on either side.
        Path ac = tmp.resolve("ac");
        Path pkg = TestData.path("checkpoints/tiny_32khz_audiocraft.th");
        assertEquals(ExitCode.OK, CliRun.of("convert", "--checkpoint", pkg, "--out", ac).exitCode());
        CliRun p = CliRun.of("diff", ac, pkg);
        assertEquals(ExitCode.OK, p.exitCode(), p.out() + p.err());
        assertTrue(p.out().contains("settings from xp.cfg in the checkpoint"), p.out());
    }

    @Test
    void aScaledTensorIsNamedWithItsDifferences() throws IOException {
        Path hf = convert("hf");
        Path tampered = BreakageAccess.scaleTensor(hf, tmp.resolve("tampered"), BIAS, 2f);
        Path report = tmp.resolve("diff.json");
        CliRun r = CliRun.of("diff", hf, tampered, "--report", report);
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(BIAS) && l.contains("values differ")), r.out());
        assertTrue(r.out().contains("DIFFERENT: 1 of 156 tensors"), r.out());
        assertTrue(r.out().contains("model.safetensors: bytes differ"), r.out());
        JsonNode d = Json.MAPPER.readTree(report.toFile()).get("tensors").get("differences").get(0);
        assertEquals(BIAS, d.get("name").asText());
        assertEquals("values_differ", d.get("status").asText());
        assertTrue(d.get("max_abs_difference").asDouble() > 0, d.toString());
        assertEquals(0.5, d.get("max_relative_difference").asDouble(), 1e-12, "x against 2x: |x| / |2x|");

        // The same through a checkpoint, converted in memory.
        CliRun c = CliRun.of("diff", CKPT, tampered, "--config", CONFIG);
        assertEquals(ExitCode.CHECK_FAILED, c.exitCode(), c.out() + c.err());
        assertTrue(c.out().contains(BIAS), c.out());
    }

    @Test
    void aChangedConfigFieldIsNamedAndWhoWroteTheFileIsNot() throws IOException {
        Path hf = convert("hf");
        Path padded = editConfig(hf, "padded",
                c -> c.replace("\"pad_mode\": \"reflect\"", "\"pad_mode\": \"constant\""));
        CliRun r = CliRun.of("diff", hf, padded);
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("config\\.json +pad_mode +reflect +constant +yes")),
                r.out());

        // transformers 4.x's spelling and version, and a default spelled out: listed, not counted.
        Path older = editConfig(hf, "older", c -> c.replace("\"dtype\"", "\"torch_dtype\"")
                .replace("\"transformers_version\": \"5.18.0\"", "\"transformers_version\": \"4.31.0.dev0\"")
                .replace("\"codebook_dim\": 16", "\"codebook_dim\": null"));
        CliRun o = CliRun.of("diff", hf, older);
        assertEquals(ExitCode.OK, o.exitCode(), o.out() + o.err());
        for (String field : List.of("torch_dtype", "transformers_version", "codebook_dim")) {
            assertTrue(o.out().lines().anyMatch(l -> l.contains(" " + field + " ") && l.contains(" no: ")), o.out());
        }
        assertTrue(o.out().contains("the folders' files are not byte for byte the same"), o.out());
    }

    @Test
    void aMissingTensorIsNamedOnTheSideThatHasIt() throws IOException {
        Path hf = convert("hf");
        Path fewer = rewrite(hf, "fewer", name -> name.equals(BIAS) ? null : name);
        CliRun r = CliRun.of("diff", hf, fewer);
        assertEquals(ExitCode.CHECK_FAILED, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(BIAS) && l.contains("only in a")), r.out());
    }

    @Test
    void weightNormSpellingsNameTheSameTensors() throws IOException {
        Path hf = convert("hf");
        Path parametrized = rewrite(hf, "parametrized", name -> name
                .replaceAll("\\.weight_g$", ".parametrizations.weight.original0")
                .replaceAll("\\.weight_v$", ".parametrizations.weight.original1"));
        CliRun r = CliRun.of("diff", parametrized, hf);
        assertEquals(ExitCode.OK, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("weight norm: A spells it parametrizations, B legacy"), r.out());
        assertTrue(r.out().contains("model.safetensors: bytes differ"), r.out());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        Path hf = convert("hf");
        CliRun missing = CliRun.of("diff", hf, tmp.resolve("nothing"));
        assertEquals(ExitCode.ERROR, missing.exitCode());
        assertEquals("error: " + tmp.resolve("nothing") + ": no such file or folder", missing.err().strip());
        CliRun lone = CliRun.of("diff", hf, hf.resolve("model.safetensors"));
        assertEquals(ExitCode.ERROR, lone.exitCode());
        assertTrue(lone.err().contains("is a lone safetensors file"), lone.err());
        CliRun model = CliRun.of("diff", hf, hf, "--model", "encodec_24khz");
        assertEquals(ExitCode.ERROR, model.exitCode());
        assertTrue(model.err().contains("--model and --config go with an original checkpoint"), model.err());
        CliRun empty = CliRun.of("diff", "", hf);
        assertEquals(ExitCode.ERROR, empty.exitCode());
        assertEquals("error: A: empty path", empty.err().strip());
        CliRun revision = CliRun.of("diff", hf, hf, "--revision-b", "main");
        assertEquals(ExitCode.ERROR, revision.exitCode());
        assertTrue(revision.err().contains("goes with a Hugging Face repo id"), revision.err());
        CliRun settings = CliRun.of("diff", CKPT, hf); // a tiny checkpoint is no preset: its settings are needed
        assertEquals(ExitCode.ERROR, settings.exitCode());
        assertTrue(settings.err().contains("match no preset"), settings.err());
        Path report = tmp.resolve("error.json");
        assertEquals(ExitCode.ERROR, CliRun.of("diff", CKPT, hf, "--report", report).exitCode());
        assertEquals("error", Json.MAPPER.readTree(report.toFile()).get("kind").asText(), "an error report");
        assertEquals(1, CliRun.of("diff", hf).err().lines().filter(l -> l.startsWith("error: ")).count());

        Path named = Files.copy(CKPT, tmp.resolve("encodec_24khz-d7cc33bc.th")); // not the published file
        CliRun hash = CliRun.of("diff", named, hf, "--config", CONFIG);
        assertEquals(ExitCode.ERROR, hash.exitCode());
        assertTrue(hash.err().contains("its name says its SHA-256 starts with d7cc33bc"), hash.err());
        assertEquals(ExitCode.OK, CliRun.of("diff", named, hf, "--config", CONFIG, "--no-check-hash").exitCode());

        Path list = editConfig(hf, "list", c -> c);
        Files.writeString(list.resolve("preprocessor_config.json"), "[]");
        CliRun notObject = CliRun.of("diff", hf, list);
        assertEquals(ExitCode.ERROR, notObject.exitCode());
        assertEquals("error: " + list.resolve("preprocessor_config.json") + ": is not a JSON object",
                notObject.err().strip());
    }

    /** A copy of a folder with its config.json text edited. */
    private Path editConfig(Path folder, String name, UnaryOperator<String> edit) throws IOException {
        Path out = Files.createDirectory(tmp.resolve(name));
        for (String f : List.of("model.safetensors", "preprocessor_config.json")) {
            Files.copy(folder.resolve(f), out.resolve(f));
        }
        String config = Files.readString(folder.resolve("config.json"));
        Files.writeString(out.resolve("config.json"), edit.apply(config));
        return out;
    }

    /** A copy of a folder with its tensors renamed by {@code rename} (null: left out), bytes and metadata kept. */
    private Path rewrite(Path folder, String name, UnaryOperator<String> rename) throws IOException {
        Path out = Files.createDirectory(tmp.resolve(name));
        try (SafetensorsFile f = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
            List<SafetensorsWriter.Named> named = new ArrayList<>();
            for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
                String n = rename.apply(e.getKey());
                if (n != null) {
                    named.add(new SafetensorsWriter.Named(n, e.getValue()));
                }
            }
            SafetensorsWriter.write(out.resolve("model.safetensors"), named, f.metadata());
        }
        for (String f : List.of("config.json", "preprocessor_config.json")) {
            Files.copy(folder.resolve(f), out.resolve(f));
        }
        return out;
    }
}
