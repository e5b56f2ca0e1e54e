package dev.encodecparity.provenance;

import java.util.Map;

/**
 * The numerics settings a CUDA run depends on, parity first, as the process was started with them.
 *
 * <p>On Ampere and later GPUs libtorch lets cuDNN convolutions use TF32 (10 mantissa bits) by default: enough to flip
 * codes and to exceed a 1e-5 tolerance. DJL has no switch for it, but the CUDA libraries read
 * {@code NVIDIA_TF32_OVERRIDE=0} when they start and then never use TF32, so the launcher sets it before the JVM
 * starts (unless {@code --allow-tf32}). {@code CUBLAS_WORKSPACE_CONFIG=:4096:8} makes cuBLAS pick the same
 * reduction order on every run; the launcher sets it too. cuDNN's benchmark mode (which may pick a different
 * algorithm per run) is switched off by the engine itself. Every output records these facts; on the CPU they change
 * nothing, and are recorded all the same so a golden recording says what it was made under.
 *
 * @param tf32 "off" (NVIDIA_TF32_OVERRIDE=0), "allowed" (libtorch's default: convolutions may use TF32), or, on the
 *     CPU, "not used (cpu)"
 * @param nvidiaTf32Override the variable's value, or null when unset
 * @param cudnnBenchmark whether cuDNN's benchmark mode is on (the engine keeps it off)
 * @param cublasWorkspaceConfig the variable's value, or null when unset
 */
public record Numerics(String tf32, String nvidiaTf32Override, boolean cudnnBenchmark, String cublasWorkspaceConfig) {
    public static final String TF32_OVERRIDE = "NVIDIA_TF32_OVERRIDE";
    public static final String CUBLAS_WORKSPACE = "CUBLAS_WORKSPACE_CONFIG";
    /** What the launcher sets: a fixed workspace of 8 chunks of 4 MiB, cuBLAS's documented deterministic setting. */
    public static final String DETERMINISTIC_WORKSPACE = ":4096:8";

    /** The settings of this process, for a run on {@code gpu} or not. */
    public static Numerics of(boolean gpu) {
        return of(System.getenv(), gpu);
    }

    /** The settings {@code environment} gives a run on a GPU or not (the engine keeps cuDNN's benchmark off). */
    public static Numerics of(Map<String, String> environment, boolean gpu) {
        String override = environment.get(TF32_OVERRIDE);
        String tf32 = !gpu ? "not used (cpu)" : "0".equals(override) ? "off" : "allowed";
        return new Numerics(tf32, override, false, environment.get(CUBLAS_WORKSPACE));
    }

    /** Whether TF32 is kept out of convolutions and matrix products. */
    public boolean tf32Off() {
        return "0".equals(nvidiaTf32Override);
    }

    /** Whether cuBLAS is set to its deterministic workspace. */
    public boolean deterministicCublas() {
        return DETERMINISTIC_WORKSPACE.equals(cublasWorkspaceConfig) || ":16:8".equals(cublasWorkspaceConfig);
    }

    /** "TF32 off (NVIDIA_TF32_OVERRIDE=0), cuDNN benchmark off, CUBLAS_WORKSPACE_CONFIG=:4096:8". */
    public String summary() {
        String t = tf32Off() ? "TF32 off (" + TF32_OVERRIDE + "=0)"
                : "TF32 allowed (" + TF32_OVERRIDE + (nvidiaTf32Override == null ? " unset)"
                        : "=" + nvidiaTf32Override + ")");
        return t + ", cuDNN benchmark " + (cudnnBenchmark ? "on" : "off") + ", " + CUBLAS_WORKSPACE
                + (cublasWorkspaceConfig == null ? " unset" : "=" + cublasWorkspaceConfig);
    }

    /** Whether two runs' settings can change results differently (the tf32 wording alone may differ by device). */
    public boolean sameAs(Numerics other) {
        return other != null && tf32Off() == other.tf32Off() && cudnnBenchmark == other.cudnnBenchmark
                && deterministicCublas() == other.deterministicCublas();
    }
}
