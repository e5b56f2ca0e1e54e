package dev.encodecparity.engine.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.EnvironmentException;
import dev.encodecparity.provenance.Numerics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code encodec-parity doctor}: what the engine would run on, one {@link Check} per fact with a verdict, and for the
 * usual failures what to do. Nothing is loaded before {@link NativeLibraries} has said whether the JNI fits its
 * libtorch, so a mismatch is explained, not crashed into; a libtorch that fails to load is a failed check, not an
 * exception.
 */
public final class Doctor {
    /** The allocator settings the launcher sets, and those a CUDA run may be given. */
    static final List<String> ALLOCATOR = List.of("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_", "PYTORCH_CUDA_ALLOC_CONF");

    private Doctor() {
    }

    /**
     * A check's verdict: {@code ok}, {@code info} (a fact, neither good nor bad), {@code warn} (works, but not as a
     * user likely wants), {@code fail} (the asked device cannot run).
     */
    public enum Status {
        OK, INFO, WARN, FAIL;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One line of the report.
     *
     * @param name what is checked ("libtorch")
     * @param status its verdict
     * @param value what was found
     * @param advice what to do about it, or null
     */
    public record Check(String name, Status status, String value, String advice) {
    }

    /**
     * The whole report.
     *
     * @param checks every check, in the order they are printed
     * @param device what the asked {@code --device} resolves to ("cpu", "cuda:0"), or null when it cannot run
     * @param ready whether the asked device can run (no check failed)
     */
    public record Report(List<Check> checks, String device, boolean ready) {
        public Report {
            checks = List.copyOf(checks);
        }
    }

    /** The checks for {@code --device deviceSpec} on this machine, as this process was started. */
    public static Report run(String deviceSpec) {
        return run(deviceSpec, System.getenv(), NvidiaDriver.read());
    }

    static Report run(String deviceSpec, Map<String, String> env, NvidiaDriver driver) {
        List<Check> checks = new ArrayList<>();
        UnaryOperator<String> setting = name -> env.get(name) != null ? env.get(name) : System.getProperty(name);
        NativeLibraries natives = NativeLibraries.predict(setting, Doctor.class.getClassLoader());
        String djl = Engine.getDjlVersion();
        String jniFor = natives.jni().builtFor() == null ? "a libtorch the file does not name"
                : "libtorch " + natives.jni().builtFor();
        checks.add(new Check("engine", Status.OK, "DJL " + djl + ", PyTorch engine (its bundled JNI is built for"
                + " libtorch " + bundledJniVersion() + ")", null));
        NativeLibraries.Libtorch lib = natives.libtorch();
        boolean fits = natives.problems().isEmpty();
        String libValue = lib.folder() == null ? "none found" : (lib.version() == null ? "version unknown"
                : lib.version()) + " " + (lib.flavor() == null ? "" : lib.flavor() + " ") + "at " + lib.folder()
                + " (found by " + lib.foundBy() + ")";
        checks.add(new Check("libtorch", fits ? Status.OK : Status.FAIL, libValue,
                fits ? null : natives.problems().get(0)));
        String jniValue = natives.jni().file() == null ? "none found" : natives.jni().file() + " ("
                + natives.jni().source() + (natives.jni().present() ? "" : ", not there yet") + "; built for " + jniFor
                + ")";
        checks.add(new Check("jni", fits ? Status.OK : Status.FAIL, jniValue,
                fits || natives.problems().size() < 2 ? null : natives.problems().get(1)));
        int gpus = -1;
        if (fits) {
            try {
                Engine engine = PyTorchEngine.get();
                gpus = engine.getGpuCount();
                checks.add(new Check("load", Status.OK, "loaded: " + PyTorchEngine.mappedLibraries(), null));
            } catch (EnvironmentException e) {
                checks.add(new Check("load", Status.FAIL, e.getMessage(), "encodec-parity cannot run any model here;"
                        + " the lines above say which libtorch and JNI were tried"));
            }
        }
        checks.add(driverCheck(driver));
        if (gpus >= 0) {
            checks.add(gpuCheck(gpus, driver, lib));
            String cuda = PyTorchEngine.cudaVersion();
            checks.add(new Check("cuda", Status.INFO, cuda == null ? "no CUDA runtime found by DJL"
                    : "CUDA runtime " + cuda, null));
            checks.add(new Check("threads", Status.INFO, JniUtils.getNumThreads() + " intra-op, "
                    + JniUtils.getNumInteropThreads() + " inter-op (" + Runtime.getRuntime().availableProcessors()
                    + " processors)", null));
        }
        checks.add(numericsCheck(env, driver.present() || gpus > 0));
        checks.add(allocatorCheck(env));
        String device = null;
        if (gpus >= 0) {
            try {
                DevicePolicy choice = DevicePolicy.choose(deviceSpec, gpus, driver, lib);
                device = choice.isGpu() ? "cuda:" + choice.gpu() : "cpu";
                checks.add(new Check("device", choice.warning() == null ? Status.OK : Status.WARN,
                        "--device " + deviceSpec + " runs on " + device, choice.warning()));
            } catch (EnvironmentException | BadInputException e) {
                checks.add(new Check("device", Status.FAIL, e.getMessage(), null));
            }
        }
        boolean ready = device != null && checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        return new Report(checks, ready ? device : null, ready);
    }

    private static Check driverCheck(NvidiaDriver driver) {
        if (!driver.present()) {
            return new Check("driver", Status.INFO, "no NVIDIA driver (" + driver.folder().resolve("version")
                    + " is absent)", null);
        }
        List<String> models = driver.gpus().stream().map(g -> g.bus() + " " + g.model()).toList();
        return new Check("driver", Status.INFO, "NVIDIA " + driver.shortVersion() + ", " + driver.gpus().size()
                + " GPU" + (driver.gpus().size() == 1 ? "" : "s") + (models.isEmpty() ? "" : ": " + models), null);
    }

    private static Check gpuCheck(int gpus, NvidiaDriver driver, NativeLibraries.Libtorch lib) {
        if (gpus == 0) {
            return driver.present() ? new Check("gpus", Status.WARN, "DJL sees no GPU",
                    DevicePolicy.whyNoGpu(driver, lib)) : new Check("gpus", Status.INFO, "none", null);
        }
        List<String> each = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            String model = i < driver.gpus().size() ? driver.gpus().get(i).model() : "GPU";
            long bytes = CudaUtils.getGpuMemory(Device.gpu(i)).getMax();
            each.add("cuda:" + i + " " + model + ", " + String.format(Locale.ROOT, "%.1f GiB", bytes / 1073741824.0)
                    + ", compute capability " + CudaUtils.getComputeCapability(i));
        }
        return new Check("gpus", Status.OK, String.join("; ", each), null);
    }

    private static Check numericsCheck(Map<String, String> env, boolean gpuMachine) {
        Numerics n = Numerics.of(env, gpuMachine);
        if (!gpuMachine) {
            return new Check("numerics", Status.INFO, n.summary() + " (no GPU: TF32 does not apply)", null);
        }
        if (!n.tf32Off()) {
            return new Check("numerics", Status.WARN, n.summary(), "a GPU run here may use TF32: run through the"
                    + " launcher (it sets " + Numerics.TF32_OVERRIDE + "=0), or set it yourself; GPU runs without it"
                    + " are refused unless --allow-tf32");
        }
        return new Check("numerics", n.deterministicCublas() ? Status.OK : Status.WARN, n.summary(),
                n.deterministicCublas() ? null : "set " + Numerics.CUBLAS_WORKSPACE + "="
                        + Numerics.DETERMINISTIC_WORKSPACE + " (the launcher does) for run-to-run identical results");
    }

    private static Check allocatorCheck(Map<String, String> env) {
        List<String> set = new ArrayList<>();
        for (String name : ALLOCATOR) {
            if (env.get(name) != null) {
                set.add(name + "=" + env.get(name));
            }
        }
        return new Check("allocator", Status.INFO, set.isEmpty() ? "glibc and libtorch defaults" : String.join(", ",
                set), null);
    }

    /** DJL's version, without starting its engine. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** The libtorch version DJL's bundled JNI is built for ("2.7.1"), from the pytorch-jni jar. */
    static String bundledJniVersion() {
        java.util.Properties p = new java.util.Properties();
        try (var in = Doctor.class.getClassLoader().getResourceAsStream("jnilib/pytorch.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // absent: said as unknown
        }
        String v = p.getProperty("jni_version");
        return v == null ? "unknown (no pytorch-jni jar)" : NativeLibraries.release(v);
    }

}
