package dev.encodecparity.engine.runtime;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.EnvironmentException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which device {@code --device auto|cpu|cuda[:N]} means on this machine. {@code cuda[:N]} never falls back to the
 * CPU: a GPU nightly that silently ran on the CPU would pass for the wrong reason, so an unusable GPU is an
 * {@link EnvironmentException} (exit 3). {@code auto} takes the first GPU, else the CPU, and says why when a driver is
 * present but no GPU is usable (the usual cause: a CPU libtorch, or a CUDA one whose runtime DJL did not find).
 *
 * @param gpu the GPU index, or -1 for the CPU
 * @param warning why {@code auto} runs on the CPU of a machine with a driver, or null
 */
public record DevicePolicy(int gpu, String warning) {
    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d+))?");

    /**
     * @param spec the option's value (null: auto)
     * @param gpus how many GPUs DJL's engine sees
     * @param driver the NVIDIA driver the kernel shows
     * @param libtorch what libtorch was loaded (for the explanation)
     * @throws BadInputException when {@code spec} is not a device name (exit 2)
     * @throws EnvironmentException when a named GPU cannot be used (exit 3)
     */
    public static DevicePolicy choose(String spec, int gpus, NvidiaDriver driver, NativeLibraries.Libtorch libtorch) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) {
            return new DevicePolicy(-1, null);
        }
        if (s.equals("auto")) {
            return gpus > 0 ? new DevicePolicy(0, null)
                    : new DevicePolicy(-1, driver.present() ? whyNoGpu(driver, libtorch) + "; running on the CPU"
                            : null);
        }
        Matcher m = CUDA.matcher(s);
        if (!m.matches()) {
            throw BadInputException.option("--device must be auto, cpu, cuda or cuda:N, not '" + spec + "'");
        }
        // More than 4 digits is no GPU index: refused below as beyond the GPU count, not parsed into an overflow.
        String digits = m.group(1);
        int index = digits == null ? 0 : digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (gpus == 0) {
            throw new EnvironmentException("--device " + spec + ": " + (driver.present() ? whyNoGpu(driver, libtorch)
                    : "this machine has no NVIDIA driver (" + driver.folder().resolve("version") + " is absent)")
                    + "; --device cpu runs on the CPU");
        }
        if (index >= gpus) {
            throw new EnvironmentException("--device " + spec + ": only " + gpus + " GPU" + (gpus == 1 ? "" : "s")
                    + " visible (cuda:0" + (gpus > 1 ? " to cuda:" + (gpus - 1) : "") + ")");
        }
        return new DevicePolicy(index, null);
    }

    /** Why a machine with a driver shows DJL no GPU, and what to do. */
    static String whyNoGpu(NvidiaDriver driver, NativeLibraries.Libtorch libtorch) {
        String has = "an NVIDIA driver (" + driver.shortVersion() + ", " + driver.gpus().size() + " GPU"
                + (driver.gpus().size() == 1 ? "" : "s") + ") is present but DJL's PyTorch engine sees no GPU";
        if (libtorch == null || !libtorch.cuda()) {
            return has + ": the CPU libtorch is loaded (" + (libtorch == null ? "unknown" : libtorch.folder())
                    + "); point PYTORCH_LIBRARY_PATH at a CUDA libtorch (on a machine with pip's torch:"
                    + " site-packages/torch/lib) with a JNI built for it (docs/gpu.md)";
        }
        return has + ": the CUDA libtorch at " + libtorch.folder() + " is loaded, but DJL found no CUDA runtime"
                + " (libcudart) or no device; put the folder of libcudart.so.N on -Djna.library.path"
                + " (ENCODEC_PARITY_JAVA_OPTS) and check CUDA_VISIBLE_DEVICES and the driver's CUDA version";
    }

    public boolean isGpu() {
        return gpu >= 0;
    }
}
