package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of JSON document the tool writes, made by the real commands on the bundled data, validated against its
 * schema in docs/schemas with networknt's validator (JSON Schema 2020-12): verify and golden check reports (passing,
 * and failing with a non-finite number in them), error reports, sidecars, the bench line, golden manifests, doctor,
 * diff reports and inspect.
 * The schemas are not blind either: a document of one kind fails another kind's schema.
 */
class SchemasTest {
    private static final String BASE = "https://encodec-parity.invalid/schemas/";
    private static final String CKPT = TestData.path("checkpoints/tiny_24khz.th").toString();
    private static final String CONFIG = TestData.path("configs/tiny_24khz.json").toString();
    private static final String CLIP = TestData.path("audio/speech_24000hz_1ch.wav").toString();

    private static SchemaRegistry registry;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadSchemas() throws IOException {
        Map<String, String> byId = new HashMap<>();
        try (Stream<Path> files = Files.list(TestData.repo().resolve("docs/schemas"))) {
            for (Path f : files.toList()) {
                byId.put(BASE + f.getFileName(), Files.readString(f));
            }
        }
        assertEquals(10, byId.size(), "schemas in docs/schemas: " + byId.keySet());
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId));
    }

    private static List<String> errors(String kind, String json) {
        Schema schema = registry.getSchema(SchemaLocation.of(BASE + kind + ".schema.json"));
        return schema.validate(json, InputFormat.JSON).stream().map(e -> e.getInstanceLocation() + " "
                + e.getMessage()).toList();
    }

    private static void valid(String kind, Path file) throws IOException {
        String json = Files.readString(file);
        assertEquals(List.of(), errors(kind, json), kind + ": " + json);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
    }

    @Test
    void verifyReportsPassingAndFailing() throws IOException {
        Path report = tmp.resolve("verify.json");
        CliRun r = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth", "1.8",
                "--report", report, "--threads", "1", "--trace");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
        valid("verify_report", report);
        String json = Files.readString(report);
        assertTrue(json.contains("\"traces\" : [ {") && json.contains("\"first_over_tolerance\" : null"), json);
        assertTrue(json.contains("\"snr_db\" : null") && json.contains("\"snr_db_reason\" : \"infinite: identical"),
                json);
        assertFalse(errors("golden_check_report", json).isEmpty(), "a verify report is not a golden check report");

        Path model = tmp.resolve("model");
        assertEquals(ExitCode.OK, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", model)
                .exitCode());
        Path perturbed = dev.encodecparity.verify.BreakageAccess.scaleTensor(model, tmp.resolve("perturbed"),
                "decoder.layers.15.conv.weight_g", 1.01f);
        Path failing = tmp.resolve("failing.json");
        CliRun f = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--converted", perturbed, "--audio",
                CLIP, "--bandwidth", "1.8", "--report", failing, "--threads", "1");
        assertEquals(ExitCode.CHECK_FAILED, f.exitCode(), f.err());
        valid("verify_report", failing);
        assertTrue(Files.readString(failing).contains("\"profile\" : {"), "the diagnosis has every module's"
                + " difference");
    }

    @Test
    void goldenManifestsAndGoldenCheckReports() throws IOException {
        Path goldens = tmp.resolve("goldens");
        CliRun rec = CliRun.of("golden", "record", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP,
                "--bandwidth", "1.8", "--out", goldens, "--threads", "1");
        assertEquals(ExitCode.OK, rec.exitCode(), rec.err());
        valid("golden_manifest", goldens.resolve("manifest.json"));
        Path report = tmp.resolve("check.json");
        CliRun check = CliRun.of("golden", "check", "--checkpoint", CKPT, "--config", CONFIG, "--goldens", goldens,
                "--report", report, "--threads", "1", "--trace");
        assertEquals(ExitCode.OK, check.exitCode(), check.err());
        valid("golden_check_report", report);
        assertTrue(Files.readString(report).contains("\"traces\" : [ {"), Files.readString(report));
    }

    @Test
    void diffReportsAndInspect() throws IOException {
        Path hf = tmp.resolve("hf");
        assertEquals(ExitCode.OK, CliRun.of("convert", "--checkpoint", CKPT, "--config", CONFIG, "--out", hf)
                .exitCode());
        Path same = tmp.resolve("same.json");
        CliRun identical = CliRun.of("diff", hf, CKPT, "--config", CONFIG, "--report", same);
        assertEquals(ExitCode.OK, identical.exitCode(), identical.err());
        valid("diff_report", same);
        Path tampered = dev.encodecparity.verify.BreakageAccess.scaleTensor(hf, tmp.resolve("tampered"),
                "encoder.layers.0.conv.bias", Float.NaN); // a NaN difference: null with its reason
        Files.writeString(tampered.resolve("config.json"), Files.readString(hf.resolve("config.json"))
                .replace("\"pad_mode\": \"reflect\"", "\"pad_mode\": \"constant\""));
        Path differ = tmp.resolve("differ.json");
        CliRun different = CliRun.of("diff", hf, tampered, "--report", differ);
        assertEquals(ExitCode.CHECK_FAILED, different.exitCode(), different.err());
        valid("diff_report", differ);
        assertTrue(Files.readString(differ).contains("\"max_abs_difference_reason\" : \"not a number\""),
                Files.readString(differ));
        assertFalse(errors("verify_report", Files.readString(differ)).isEmpty(), "a diff is not a verify report");

        for (Object path : List.of(CKPT, hf, TestData.path("checkpoints/tiny_32khz_audiocraft.th"))) {
            CliRun inspect = CliRun.of("inspect", path, "--json");
            assertEquals(ExitCode.OK, inspect.exitCode(), inspect.err());
            Path json = Files.writeString(tmp.resolve("inspect.json"), inspect.out());
            valid("inspect", json);
        }
        assertFalse(errors("diff_report", Files.readString(tmp.resolve("inspect.json"))).isEmpty());
    }

    @Test
    void errorReportsSidecarsBenchAndDoctor() throws IOException {
        Path report = tmp.resolve("error.json");
        CliRun bad = CliRun.of("verify", "--checkpoint", CKPT, "--config", CONFIG, "--audio",
                Files.createFile(tmp.resolve("empty.wav")), "--report", report);
        assertEquals(ExitCode.ERROR, bad.exitCode(), bad.err());
        valid("error", report);

        Path codes = tmp.resolve("x.npz");
        CliRun enc = CliRun.of("encode", "--checkpoint", CKPT, "--config", CONFIG, "--audio", CLIP, "--bandwidth",
                "1.8", "--out", codes, "--threads", "1");
        assertEquals(ExitCode.OK, enc.exitCode(), enc.err());
        valid("sidecar", tmp.resolve("x.npz.json"));
        CliRun dec = CliRun.of("decode", "--checkpoint", CKPT, "--config", CONFIG, "--codes", codes, "--out",
                tmp.resolve("x.wav"), "--threads", "1");
        assertEquals(ExitCode.OK, dec.exitCode(), dec.err());
        valid("sidecar", tmp.resolve("x.wav.json"));

        CliRun bench = CliRun.of("bench", "--checkpoint", CKPT, "--config", CONFIG, "--seconds", "0.5",
                "--iterations", "1", "--threads", "1");
        assertEquals(ExitCode.OK, bench.exitCode(), bench.err());
        Files.writeString(tmp.resolve("bench.json"), bench.out().strip());
        valid("bench", tmp.resolve("bench.json"));

        CliRun doctor = CliRun.of("doctor", "--json");
        Files.writeString(tmp.resolve("doctor.json"), doctor.out());
        valid("doctor", tmp.resolve("doctor.json"));
        assertFalse(errors("verify_report", doctor.out()).isEmpty(), "a doctor report is not a verify report");
    }
}
