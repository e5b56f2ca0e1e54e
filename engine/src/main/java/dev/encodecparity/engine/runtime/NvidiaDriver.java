package dev.encodecparity.engine.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The NVIDIA kernel driver as the kernel shows it in {@code /proc/driver/nvidia}: present or not, its version line,
 * and the GPUs it drives. Read without CUDA or libtorch, so it can be told apart from what DJL sees: a driver with no
 * GPU visible to DJL means the wrong libtorch (or JNI) is loaded, not a machine without a GPU.
 *
 * <p>The folder is {@code /proc/driver/nvidia} unless the system property {@value #FOLDER_PROPERTY} names another
 * (tests fake a driver that way).
 *
 * @param folder the folder read
 * @param version the first line of {@code version} ("NVRM version: NVIDIA UNIX x86_64 Kernel Module 580.95.05 ..."),
 *     or null when there is no driver
 * @param gpus the GPUs under {@code gpus/}, in bus order
 */
public record NvidiaDriver(Path folder, String version, List<Gpu> gpus) {
    /** Where a test (or a user with an unusual /proc) points the driver folder. */
    public static final String FOLDER_PROPERTY = "encodecparity.nvidia.proc";

    /**
     * One GPU as the driver lists it.
     *
     * @param bus its PCI bus location ("0000:19:00.0")
     * @param model "NVIDIA H100 80GB HBM3", or null when the driver does not say
     */
    public record Gpu(String bus, String model) {
    }

    public NvidiaDriver {
        gpus = List.copyOf(gpus);
    }

    /** The driver of this machine (or of the folder {@value #FOLDER_PROPERTY} names). */
    public static NvidiaDriver read() {
        return read(Path.of(System.getProperty(FOLDER_PROPERTY, "/proc/driver/nvidia")));
    }

    /** The driver described by {@code folder}; absent (no version) when the folder or its version file is missing. */
    public static NvidiaDriver read(Path folder) {
        String version = firstLine(folder.resolve("version")).orElse(null);
        List<Gpu> gpus = new ArrayList<>();
        if (version != null) {
            try (DirectoryStream<Path> buses = Files.newDirectoryStream(folder.resolve("gpus"))) {
                for (Path bus : buses) {
                    gpus.add(new Gpu(bus.getFileName().toString(), model(bus.resolve("information"))));
                }
            } catch (IOException e) {
                // a driver without a gpus folder lists no GPU; the version line still says it is there
            }
            gpus.sort(java.util.Comparator.comparing(Gpu::bus));
        }
        return new NvidiaDriver(folder, version, gpus);
    }

    public boolean present() {
        return version != null;
    }

    /** "580.95.05" out of the version line, or the whole line when it has no such number. */
    public String shortVersion() {
        if (version == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Kernel Module(?: for \\S+)?\\s+(\\d+(?:\\.\\d+)+)")
                .matcher(version);
        return m.find() ? m.group(1) : version.trim();
    }

    private static String model(Path information) {
        try {
            for (String line : Files.readAllLines(information)) {
                if (line.startsWith("Model:")) {
                    return line.substring("Model:".length()).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable or not text: the model is only informative
        }
        return null;
    }

    private static Optional<String> firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? Optional.of("") : Optional.of(lines.get(0).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
