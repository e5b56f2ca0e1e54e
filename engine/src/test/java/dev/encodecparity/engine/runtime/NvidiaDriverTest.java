package dev.encodecparity.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NvidiaDriverTest {
    @TempDir
    Path tmp;

    @Test
    void aDriverWithTwoGpusListsThemInBusOrder() throws Exception {
        NvidiaDriver d = NvidiaDriver.read(FakeDriver.write(tmp.resolve("nvidia"), "0000:b3:00.0", "0000:19:00.0"));
        assertTrue(d.present());
        assertEquals("580.95.05", d.shortVersion());
        assertEquals(List.of(new NvidiaDriver.Gpu("0000:19:00.0", "NVIDIA H100 80GB HBM3"),
                new NvidiaDriver.Gpu("0000:b3:00.0", "NVIDIA H100 80GB HBM3")), d.gpus());
    }

    @Test
    void theProprietaryModulesVersionLineToo() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("nvidia"));
        Files.writeString(folder.resolve("version"), "NVRM version: NVIDIA UNIX x86_64 Kernel Module  535.129.03  Thu"
                + " Oct 19 18:56:32 UTC 2023\n");
        NvidiaDriver d = NvidiaDriver.read(folder);
        assertEquals("535.129.03", d.shortVersion());
        assertEquals(List.of(), d.gpus()); // no gpus folder: none listed, the driver still present
        assertTrue(d.present());
    }

    @Test
    void noFolderIsNoDriver() {
        NvidiaDriver d = NvidiaDriver.read(tmp.resolve("absent"));
        assertFalse(d.present());
        assertNull(d.shortVersion());
        assertEquals(List.of(), d.gpus());
    }

    @Test
    void aGpuWithoutAModelLineHasNoModel() throws Exception {
        Path folder = FakeDriver.write(tmp.resolve("nvidia"), "0000:01:00.0");
        Files.writeString(folder.resolve("gpus/0000:01:00.0/information"), "IRQ: 7\n");
        assertNull(NvidiaDriver.read(folder).gpus().get(0).model());
    }
}
