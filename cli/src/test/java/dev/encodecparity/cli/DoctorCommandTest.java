package dev.encodecparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.engine.runtime.NvidiaDriver;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} and the device policy as a user meets them: on this CPU machine, and with an NVIDIA driver faked the
 * way the kernel shows one (a GPU machine whose CPU libtorch is loaded, the commonest mistake).
 */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    @AfterEach
    void noFakeDriver() {
        System.clearProperty(NvidiaDriver.FOLDER_PROPERTY);
    }

    private void fakeDriver() throws Exception {
        Path gpu = Files.createDirectories(tmp.resolve("nvidia/gpus/0000:19:00.0"));
        Files.writeString(tmp.resolve("nvidia/version"), "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64"
                + "  580.95.05  Release Build  (dvs-builder@U22-I3-AF03-09-1)  Tue Sep 23 09:00:00 UTC 2025\n");
        Files.writeString(gpu.resolve("information"), "Model: \t\t NVIDIA H100 80GB HBM3\n");
        System.setProperty(NvidiaDriver.FOLDER_PROPERTY, tmp.resolve("nvidia").toString());
    }

    @Test
    void onThisMachineAutoIsReadyAndCudaIsNot() throws Exception {
        Assumptions.assumeFalse(NvidiaDriver.read().present(), "this machine has an NVIDIA driver");
        CliRun ok = CliRun.of("doctor");
        assertEquals(ExitCode.OK, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("  ok    libtorch   2.7.1 cpu at "), ok.out());
        assertTrue(ok.out().strip().endsWith("ready: --device auto runs on cpu"), ok.out());

        CliRun cuda = CliRun.of("doctor", "--device", "cuda", "--json");
        assertEquals(ExitCode.ENVIRONMENT, cuda.exitCode(), cuda.out());
        JsonNode j = Json.MAPPER.readTree(cuda.out());
        assertFalse(j.get("ready").asBoolean());
        assertTrue(j.get("device").isNull());
        List<String> names = new ArrayList<>();
        j.get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertEquals(List.of("engine", "libtorch", "jni", "load", "driver", "gpus", "cuda", "threads", "numerics",
                "allocator", "device"), names);
        JsonNode device = j.get("checks").get(names.indexOf("device"));
        assertEquals("fail", device.get("status").asText());
    }

    @Test
    void aDriverWithTheCpuLibtorchIsDiagnosedWarnedAndRecorded() throws Exception {
        fakeDriver();
        CliRun d = CliRun.of("doctor");
        assertEquals(ExitCode.OK, d.exitCode(), d.out());
        assertTrue(d.out().contains("  warn  gpus       DJL sees no GPU"), d.out());
        assertTrue(d.out().contains("-> an NVIDIA driver (580.95.05, 1 GPU) is present but DJL's PyTorch engine sees"
                + " no GPU: the CPU libtorch is loaded"), d.out());
        assertEquals(ExitCode.ENVIRONMENT, CliRun.of("doctor", "--device", "cuda:0").exitCode());

        // auto: a warning on stderr and a field in the output's provenance; cuda: refused, nothing written
        Path codes = tmp.resolve("x.npz");
        CliRun auto = CliRun.of("encode", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--audio", TestData.path("audio/speech_24000hz_1ch.wav"),
                "--bandwidth", "1.8", "--out", codes, "--threads", "1");
        assertEquals(ExitCode.OK, auto.exitCode(), auto.err());
        assertTrue(auto.err().startsWith("warning: --device auto: an NVIDIA driver (580.95.05, 1 GPU) is present"),
                auto.err());
        JsonNode sidecar = Json.MAPPER.readTree(tmp.resolve("x.npz.json").toFile());
        assertTrue(sidecar.get("device_warning").asText().contains("the CPU libtorch is loaded"), sidecar.toString());
        assertEquals("not used (cpu)", sidecar.get("numerics").get("tf32").asText());

        CliRun cuda = CliRun.of("encode", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--audio", TestData.path("audio/speech_24000hz_1ch.wav"),
                "--bandwidth", "1.8", "--out", tmp.resolve("y.npz"), "--device", "cuda");
        assertEquals(ExitCode.ENVIRONMENT, cuda.exitCode(), cuda.err());
        assertTrue(cuda.err().startsWith("error: --device cuda: an NVIDIA driver (580.95.05, 1 GPU) is present but"
                + " DJL's PyTorch engine sees no GPU"), cuda.err());
        assertFalse(Files.exists(tmp.resolve("y.npz")));
    }

    @Test
    void verifyReportsRecordNumericsAndTheDeviceWarning() throws Exception {
        fakeDriver();
        Path report = tmp.resolve("r.json");
        CliRun r = CliRun.of("verify", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"), "--config",
                TestData.path("configs/tiny_24khz.json"), "--audio", TestData.path("audio/speech_24000hz_1ch.wav"),
                "--bandwidth", "1.8", "--report", report, "--threads", "1");
        assertEquals(ExitCode.OK, r.exitCode(), r.err() + r.out());
        JsonNode engine = Json.MAPPER.readTree(report.toFile()).get("engine");
        assertEquals("cpu", engine.get("device").asText());
        assertTrue(engine.get("device_warning").asText().contains("sees no GPU"), engine.toString());
        assertFalse(engine.get("numerics").get("cudnn_benchmark").asBoolean());

        Path goldens = tmp.resolve("goldens");
        CliRun rec = CliRun.of("golden", "record", "--checkpoint", TestData.path("checkpoints/tiny_24khz.th"),
                "--config", TestData.path("configs/tiny_24khz.json"), "--audio",
                TestData.path("audio/speech_24000hz_1ch.wav"), "--bandwidth", "1.8", "--out", goldens,
                "--threads", "1");
        assertEquals(ExitCode.OK, rec.exitCode(), rec.err() + rec.out());
        JsonNode recorded = Json.MAPPER.readTree(goldens.resolve("manifest.json").toFile()).get("engine");
        assertEquals("not used (cpu)", recorded.get("numerics").get("tf32").asText());
        assertTrue(recorded.get("device_warning").asText().contains("sees no GPU"), recorded.toString());
    }
}
