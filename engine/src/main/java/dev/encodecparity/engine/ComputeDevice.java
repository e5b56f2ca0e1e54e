package dev.encodecparity.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.EnvironmentException;
import dev.encodecparity.engine.runtime.DevicePolicy;
import dev.encodecparity.engine.runtime.NativeLibraries;
import dev.encodecparity.engine.runtime.NvidiaDriver;
import dev.encodecparity.engine.runtime.PyTorchEngine;
import dev.encodecparity.provenance.Numerics;
import dev.encodecparity.provenance.OutputProvenance;

/**
 * The device a model runs on, chosen from {@code --device auto|cpu|cuda[:N]} by {@link DevicePolicy} (a named GPU
 * never falls back to the CPU), the CPU thread count ({@code --threads N}), and the numerics a GPU run is held to:
 * TF32 off unless {@code --allow-tf32} ({@link Numerics}).
 *
 * @param device DJL's device
 * @param numerics the settings this run is made under
 * @param warning why {@code --device auto} runs on the CPU of a machine with an NVIDIA driver, or null
 * @param gpuModel the GPU's model as the driver names it, or null
 */
public record ComputeDevice(Device device, Numerics numerics, String warning, String gpuModel) {
    /**
     * Sets the intra-op and inter-op thread counts. Call before the first model is loaded: libtorch fixes its
     * inter-op pool on first use. {@code threads <= 0} keeps libtorch's default (one per core).
     */
    public static void configureThreads(int threads) {
        checkThreads(threads);
        if (threads == 0) {
            return;
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        PyTorchEngine.get(); // loads libtorch now, with the properties above
        JniUtils.setNumThreads(threads);
    }

    /**
     * Turns grad mode off on the calling thread, as inference in the original code runs (torch.no_grad). libtorch
     * keeps it per thread and DJL turns it off only on the thread that loads the engine; with it on, the same decode
     * differed in the last bit of some samples (CodecThreadTest). Cheap: one native call when already off.
     */
    static void inferenceOnThisThread() {
        if (JniUtils.isGradMode()) {
            JniUtils.setGradMode(false);
        }
    }

    /**
     * Something to run first on any other thread that will run models, so that it uses the libtorch thread count of
     * the calling thread: under OpenMP that count belongs to each thread, and a new one would otherwise use one per
     * core whatever {@code --threads} said. (Grad mode, the other per-thread setting, every {@link Codec} call sets:
     * {@link #inferenceOnThisThread}.)
     */
    public static Runnable sameSettingsElsewhere() {
        PyTorchEngine.get();
        int threads = JniUtils.getNumThreads();
        return () -> JniUtils.setNumThreads(threads);
    }

    /**
     * Refuses a negative {@code --threads} (0 keeps libtorch's default) and more threads than the machine has
     * processors (libtorch would start them all, and a short clip then runs for minutes); callers check before any
     * other work.
     */
    public static void checkThreads(int threads) {
        if (threads < 0) {
            throw BadInputException.option("--threads must be >= 0");
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if (threads > processors) {
            throw BadInputException.option("--threads " + threads + ": this machine has " + processors + " processor"
                    + (processors == 1 ? "" : "s"));
        }
    }

    /** {@code --device spec} with TF32 refused on a GPU (parity first). */
    public static ComputeDevice resolve(String spec) {
        return resolve(spec, false);
    }

    /**
     * {@code --device spec}, and on a GPU, TF32 off unless {@code allowTf32}: the launcher sets
     * {@code NVIDIA_TF32_OVERRIDE=0} before the JVM starts, so a process started another way without it is refused
     * rather than allowed to compare TF32 results.
     *
     * @throws EnvironmentException when the named device cannot be used, or TF32 is not off on a GPU (exit 3)
     */
    public static ComputeDevice resolve(String spec, boolean allowTf32) {
        Engine engine = PyTorchEngine.get();
        NvidiaDriver driver = NvidiaDriver.read();
        DevicePolicy choice = DevicePolicy.choose(spec, engine.getGpuCount(), driver,
                NativeLibraries.predict().libtorch());
        Numerics numerics = Numerics.of(choice.isGpu());
        if (choice.isGpu() && !numerics.tf32Off() && !allowTf32) {
            throw new EnvironmentException("TF32 is not turned off for this GPU run: " + Numerics.TF32_OVERRIDE + " is "
                    + (numerics.nvidiaTf32Override() == null ? "unset" : "'" + numerics.nvidiaTf32Override() + "'")
                    + " (the launcher sets it to 0; this process was started another way); set "
                    + Numerics.TF32_OVERRIDE + "=0 before starting it, or pass --allow-tf32 to accept TF32 results");
        }
        if (!choice.isGpu()) {
            return new ComputeDevice(Device.cpu(), numerics, choice.warning(), null);
        }
        String model = choice.gpu() < driver.gpus().size() ? driver.gpus().get(choice.gpu()).model() : null;
        return new ComputeDevice(Device.gpu(choice.gpu()), numerics, null, model);
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    /** What ran it: device, libtorch and DJL versions, CPU threads, numerics. Written into every output. */
    public OutputProvenance.Engine info() {
        Engine engine = PyTorchEngine.get();
        NativeLibraries.Libtorch lib = NativeLibraries.predict().libtorch();
        String name = device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
        // DJL reports PYTORCH_VERSION (or its own 2.7.1) whatever it loaded; the folder's own files say the truth
        String libtorch = lib.version() != null ? lib.version() : engine.getVersion();
        return new OutputProvenance.Engine(name, gpuModel, libtorch, Engine.getDjlVersion(),
                JniUtils.getNumThreads(), cpuModel(), numerics, warning);
    }

    private static String cpuModel() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux, or not readable: the model name is only informative
        }
        return System.getProperty("os.arch");
    }
}
