package dev.encodecparity.engine.runtime;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import dev.encodecparity.common.EnvironmentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DJL's PyTorch engine, started only when {@link NativeLibraries} finds that its JNI fits its libtorch: a JNI built
 * for another libtorch would fail with an undefined symbol, or worse, crash the JVM. Once started, cuDNN's benchmark
 * mode is switched off (it may choose a different convolution algorithm from run to run).
 */
public final class PyTorchEngine {
    private static volatile Engine started;

    private PyTorchEngine() {
    }

    /**
     * The engine, started on first use.
     *
     * @throws EnvironmentException when the libtorch and JNI DJL would load do not fit, or loading fails (exit 3)
     */
    public static Engine get() {
        Engine e = started;
        if (e != null) {
            return e;
        }
        synchronized (PyTorchEngine.class) {
            if (started == null) {
                NativeLibraries n = NativeLibraries.predict();
                if (!n.problems().isEmpty()) {
                    throw new EnvironmentException("the PyTorch engine cannot start: " + n.problems().get(0));
                }
                try {
                    Engine engine = Engine.getEngine("PyTorch");
                    JniUtils.setBenchmarkCuDNN(false);
                    started = engine;
                } catch (EngineException | IllegalArgumentException | LinkageError x) {
                    throw new EnvironmentException("the PyTorch engine failed to load libtorch from "
                            + n.libtorch().folder() + ": " + rootCause(x) + " (encodec-parity doctor says what it"
                            + " found)", x);
                }
            }
            return started;
        }
    }

    /** The GPUs the engine sees (0 on a CPU libtorch, or when DJL finds no CUDA runtime). */
    public static int gpuCount() {
        return get().getGpuCount();
    }

    /** CUDA's version as the CUDA runtime DJL found reports it ("13.0"), or null when it found none. */
    public static String cudaVersion() {
        return CudaUtils.hasCuda() ? CudaUtils.getCudaVersionString() : null;
    }

    /** The innermost message of a failure to load: the linker's, usually ("undefined symbol: _ZN3c10..."). */
    static String rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : m;
    }

    /**
     * The native libraries this process has mapped whose names say libtorch or DJL's JNI, from
     * {@code /proc/self/maps}: what was really loaded, whatever DJL's settings said.
     */
    public static List<Path> mappedLibraries() {
        Set<Path> found = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash > 0) {
                    String path = line.substring(slash);
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    if (name.contains(NativeLibraries.JNI_NAME) || name.equals("libtorch_cpu.so")
                            || name.equals("libtorch_cuda.so")) {
                        found.add(Path.of(path));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to say
        }
        return List.copyOf(found);
    }
}
