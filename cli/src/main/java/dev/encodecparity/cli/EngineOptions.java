package dev.encodecparity.cli;

import dev.encodecparity.engine.ComputeDevice;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * Where a model runs and under which numerics: {@code --device}, {@code --threads}, {@code --allow-tf32}. Shared by
 * every command that runs a model, so the device policy (a named GPU never falls back; {@code auto} warns when a
 * driver is present but no GPU is usable) and the TF32 rule are the same everywhere.
 */
final class EngineOptions {
    @Option(names = "--device", paramLabel = "D", defaultValue = "auto",
            description = "auto (the first GPU DJL sees, else the CPU, with a warning when an NVIDIA driver is"
                    + " present), cpu, cuda or cuda:N (never falls back: exit 3 when unusable). Default: "
                    + "${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "CPU threads for libtorch (intra- and inter-op); 0 keeps its default, one per core.")
    int threads;

    @Option(names = "--allow-tf32", description = "On a GPU, accept TF32 in convolutions (libtorch's default on"
            + " Ampere and later): the launcher then does not set NVIDIA_TF32_OVERRIDE=0. Results are recorded as"
            + " made with TF32 allowed.")
    boolean allowTf32;

    /** Refuses a bad {@code --threads} (before any other work, in commands that read inputs first). */
    void checkThreads() {
        ComputeDevice.checkThreads(threads);
    }

    /**
     * Sets threads, resolves the device and holds it to the numerics rule; call before loading any model. The
     * warning of {@code --device auto} on a machine whose GPU is unusable goes to {@code err} (and into every
     * output's provenance).
     */
    ComputeDevice computeDevice(PrintWriter err) {
        ComputeDevice.configureThreads(threads);
        ComputeDevice d = ComputeDevice.resolve(device, allowTf32);
        if (d.warning() != null) {
            err.println("warning: --device " + device + ": " + d.warning());
            err.flush();
        }
        return d;
    }
}
