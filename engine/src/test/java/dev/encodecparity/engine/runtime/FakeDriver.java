package dev.encodecparity.engine.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A driver folder as {@code /proc/driver/nvidia} looks on a machine with GPUs (open kernel module, 580 series). */
final class FakeDriver {
    static final String VERSION = "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.95.05  Release Build"
            + "  (dvs-builder@U22-I3-AF03-09-1)  Tue Sep 23 09:00:00 UTC 2025\nGCC version:  gcc version 12.2.0\n";

    private FakeDriver() {
    }

    /** Writes a driver folder with one GPU per bus address given (model H100) under {@code folder}. */
    static Path write(Path folder, String... buses) throws IOException {
        Files.createDirectories(folder.resolve("gpus"));
        Files.writeString(folder.resolve("version"), VERSION);
        for (String bus : buses) {
            Path gpu = Files.createDirectories(folder.resolve("gpus").resolve(bus));
            Files.writeString(gpu.resolve("information"), "Model: \t\t NVIDIA H100 80GB HBM3\nIRQ:   \t\t 42\n"
                    + "GPU UUID: \t GPU-00000000-0000-0000-0000-000000000000\n");
        }
        return folder;
    }
}
