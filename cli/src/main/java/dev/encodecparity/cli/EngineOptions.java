package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
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
     * Refuses a bad {@code --jobs}: fewer than one, or more threads in all (jobs times each job's libtorch threads)
     * than the machine has processors, where threads would wait on each other (several-fold slower on 2 cores).
     */
    void checkJobs(int jobs) {
        if (jobs < 1) {
            throw BadInputException.option("--jobs must be >= 1");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if ((long) jobs * Math.max(1, threads) > processors) {
            throw BadInputException.option("--jobs " + jobs + (threads == 0 ? "" : " with --threads " + threads)
                    + ": " + (long) jobs * Math.max(1, threads) + " threads in all, and this machine has "
                    + processors + " processor" + (processors == 1 ? "" : "s"));
        }
    }

    /**
     * {@link #computeDevice(PrintWriter)} for work done {@code jobs} clips at once: without {@code --threads},
     * libtorch gets the processors shared out, at least one thread per job.
     */
    ComputeDevice computeDevice(PrintWriter err, int jobs) {
        if (jobs > 1 && threads == 0) {
            threads = Math.max(1, Runtime.getRuntime().availableProcessors() / jobs);
        }
        ComputeDevice d = computeDevice(err);
        if (jobs > 1 && d.isGpu()) {
            err.println("note: --jobs " + jobs + ": on a GPU, clips of equal length run as one batch instead, one"
                    + " window at a time");
            err.flush();
        }
        return d;
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
