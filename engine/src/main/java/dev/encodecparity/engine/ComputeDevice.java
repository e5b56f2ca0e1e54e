package dev.encodecparity.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.encodecparity.common.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The device a model runs on, chosen from {@code --device auto|cpu|cuda[:N]}, and the CPU thread count
 * ({@code --threads N}). {@code auto} takes the first GPU when DJL's PyTorch engine sees one (which needs a CUDA
 * build of libtorch that matches DJL's JNI; see docs/gpu.md), else the CPU.
 */
public record ComputeDevice(Device device) {
    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d+))?");

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
        Engine.getEngine("PyTorch"); // loads libtorch now, with the properties above
        JniUtils.setNumThreads(threads);
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

    public static ComputeDevice resolve(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        Engine engine = Engine.getEngine("PyTorch");
        int gpus = engine.getGpuCount();
        if (s.equals("auto")) {
            return new ComputeDevice(gpus > 0 ? Device.gpu(0) : Device.cpu());
        }
        if (s.equals("cpu")) {
            return new ComputeDevice(Device.cpu());
        }
        Matcher m = CUDA.matcher(s);
        if (m.matches()) {
            // More than 4 digits is no GPU index: refused below as beyond the GPU count, not parsed into an overflow.
            String digits = m.group(1);
            int index = digits == null ? 0 : digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (gpus == 0) {
                throw BadInputException.option("--device " + spec + ": DJL's PyTorch engine sees no GPU (libtorch "
                        + engine.getVersion() + "; a CUDA run needs a CUDA libtorch matching DJL's JNI and a driver,"
                        + " see docs/gpu.md); use --device cpu or auto");
            }
            if (index >= gpus) {
                throw BadInputException.option("--device " + spec + ": only " + gpus + " GPU(s) visible");
            }
            return new ComputeDevice(Device.gpu(index));
        }
        throw BadInputException.option("--device must be auto, cpu, cuda or cuda:N, not '" + spec + "'");
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    /** What ran it: device, libtorch and DJL versions, CPU threads. Written into every output. */
    public EngineInfo info() {
        Engine engine = Engine.getEngine("PyTorch");
        String name = device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
        return new EngineInfo(name, engine.getVersion(), Engine.getDjlVersion(), JniUtils.getNumThreads(),
                cpuModel());
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
