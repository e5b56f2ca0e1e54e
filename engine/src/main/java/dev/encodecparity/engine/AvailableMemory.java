package dev.encodecparity.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The memory a new allocation can get on this machine: the kernel's {@code MemAvailable} (free memory plus caches it
 * can drop), capped by what this process's control group may still use ({@code memory.max} minus
 * {@code memory.current} on cgroup v2, {@code memory.limit_in_bytes} minus {@code memory.usage_in_bytes} on v1),
 * where a limit is set. The system property {@value #OVERRIDE} replaces the figure (bytes), for tests.
 */
public final class AvailableMemory {
    /** Tests set this to a figure in bytes to see what a smaller machine does. */
    public static final String OVERRIDE = "encodecparity.availableMemoryBytes";

    private static final Path MEMINFO = Path.of("/proc/meminfo");
    private static final Path CGROUP = Path.of("/sys/fs/cgroup");

    private AvailableMemory() {
    }

    /** Bytes available now, or empty where the system does not say (not Linux). */
    public static OptionalLong bytes() {
        String override = System.getProperty(OVERRIDE);
        if (override != null) {
            return OptionalLong.of(Long.parseLong(override.trim()));
        }
        OptionalLong system = memAvailable();
        OptionalLong group = cgroupHeadroom();
        if (system.isPresent() && group.isPresent()) {
            return OptionalLong.of(Math.min(system.getAsLong(), group.getAsLong()));
        }
        return system.isPresent() ? system : group;
    }

    /** How the figure was found, for messages: "MemAvailable", "the cgroup limit" or "set by ...". */
    public static String source() {
        if (System.getProperty(OVERRIDE) != null) {
            return "set by -D" + OVERRIDE;
        }
        OptionalLong system = memAvailable();
        OptionalLong group = cgroupHeadroom();
        return group.isPresent() && (system.isEmpty() || group.getAsLong() < system.getAsLong())
                ? "the control group's memory limit" : "MemAvailable";
    }

    private static OptionalLong memAvailable() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return OptionalLong.empty();
    }

    private static OptionalLong cgroupHeadroom() {
        OptionalLong v2 = headroom(CGROUP.resolve("memory.max"), CGROUP.resolve("memory.current"));
        return v2.isPresent() ? v2 : headroom(CGROUP.resolve("memory/memory.limit_in_bytes"),
                CGROUP.resolve("memory/memory.usage_in_bytes"));
    }

    /** limit minus usage, where the limit is a number well below "unlimited" (v1 writes 2^63 rounded to pages). */
    private static OptionalLong headroom(Path limitFile, Path usageFile) {
        try {
            String limit = Files.readString(limitFile).trim();
            if (limit.equals("max")) {
                return OptionalLong.empty();
            }
            long l = Long.parseLong(limit);
            if (l >= Long.MAX_VALUE / 2) {
                return OptionalLong.empty();
            }
            long used = Long.parseLong(Files.readString(usageFile).trim());
            return OptionalLong.of(Math.max(0, l - used));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
