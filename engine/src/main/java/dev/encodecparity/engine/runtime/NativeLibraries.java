package dev.encodecparity.engine.runtime;

import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Which libtorch and which JNI DJL 0.36.0 will load, worked out from the same rules before anything is loaded, so a
 * JNI that does not fit its libtorch is explained in a sentence instead of crashing the JVM (a JNI built for another
 * libtorch fails with an undefined symbol at best).
 *
 * <p>The rules are those of DJL's {@code ai.djl.pytorch.jni.LibUtils}: {@code findOverrideLibrary} (the first folder
 * of {@code PYTORCH_LIBRARY_PATH} holding {@code libtorch.so}), else {@code findNativeLibrary} (the bundled
 * {@code pytorch-native-cpu} jar, extracted once into DJL's cache); then {@code findJniLibrary}: the JNI beside
 * libtorch ({@code 0.36.0-libdjl_torch.so} or {@code libdjl_torch.so}), else in the cache folder named for
 * {@code PYTORCH_VERSION}, {@code PYTORCH_FLAVOR} and the platform, else extracted from the bundled
 * {@code pytorch-jni} jar when its version fits, else downloaded (which fails offline). DJL itself reports
 * {@code PYTORCH_VERSION} (or its own 2.7.1) as the version, whatever the folder holds; the real version is read from
 * the folder (pip's {@code torch/version.py}, a libtorch archive's {@code build-version}, DJL's cache folder name).
 *
 * @param libtorch the libtorch that will be (or was) loaded
 * @param jni the JNI that will be (or was) loaded
 * @param problems why loading would fail or load a JNI that does not fit, each with what to do; empty when fine
 */
public record NativeLibraries(Libtorch libtorch, Jni jni, List<String> problems) {
    static final String JNI_NAME = "libdjl_torch.so";

    /**
     * One libtorch folder.
     *
     * @param folder where {@code libtorch.so} is, or null when there is none (DJL would download one)
     * @param foundBy "PYTORCH_LIBRARY_PATH", "bundled jar pytorch-native-cpu", or "none"
     * @param version its real version ("2.13.0"), or null when the folder does not say
     * @param flavor "cpu" or "cu130" (a CUDA build), or null when unknown
     */
    public record Libtorch(Path folder, String foundBy, String version, String flavor) {
        public boolean cuda() {
            return flavor != null && flavor.startsWith("cu");
        }
    }

    /**
     * One JNI library.
     *
     * @param file where DJL takes it from (or will extract it to)
     * @param present whether that file exists now
     * @param builtFor the libtorch version it was built for ("2.7.1"), or null when its place does not say
     * @param source "beside libtorch", "DJL's cache", "bundled jar pytorch-jni", or "download"
     */
    public record Jni(Path file, boolean present, String builtFor, String source) {
    }

    public NativeLibraries {
        problems = List.copyOf(problems);
    }

    /** The prediction for this process: its environment first, then its system properties, as DJL reads them. */
    public static NativeLibraries predict() {
        return predict(name -> {
            String v = System.getenv(name);
            return v != null ? v : System.getProperty(name);
        }, NativeLibraries.class.getClassLoader());
    }

    /**
     * The prediction for the settings {@code setting} gives (environment variable or system property, by name) and
     * the bundled jars {@code resources} can see.
     */
    static NativeLibraries predict(UnaryOperator<String> setting, ClassLoader resources) {
        DjlRules rules = new DjlRules(setting, resources);
        List<String> problems = new ArrayList<>();
        String wanted = setting.apply("PYTORCH_VERSION");
        if (wanted != null && !wanted.isEmpty() && !wanted.matches("\\d+\\.\\d+\\.\\d+(-\\d+)?")) {
            // DJL fails on it with "Unexpected version", after loading libtorch
            problems.add("PYTORCH_VERSION=" + wanted + ": DJL takes the release number alone; set PYTORCH_VERSION="
                    + release(wanted));
        }
        Libtorch lib = rules.libtorch(problems);
        Jni jni = rules.jni(lib, problems);
        if (lib.version() != null && jni.builtFor() != null && !sameRelease(lib.version(), jni.builtFor())) {
            problems.add(0, "libtorch " + lib.version() + " found, the JNI is built for " + jni.builtFor() + ": set "
                    + "PYTORCH_VERSION=" + release(lib.version()) + " and PYTORCH_FLAVOR=" + lib.flavor()
                    + " and place a JNI built for libtorch " + release(lib.version()) + " at "
                    + rules.cacheJni(release(lib.version()), lib.flavor()) + " (docs/gpu.md)");
        }
        return new NativeLibraries(lib, jni, problems);
    }

    /** "2.13.0" out of "2.13.0+cpu" or "2.7.1-20250812". */
    static String release(String version) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+\\.\\d+\\.\\d+)").matcher(version);
        return m.find() ? m.group(1) : version;
    }

    static boolean sameRelease(String a, String b) {
        return release(a).equals(release(b));
    }

    /**
     * The real version and flavour of a libtorch folder, from the files that travel with it: pip's
     * {@code torch/version.py} ({@code __version__ = '2.13.0+cpu'}, {@code cuda = '13.0'}), a libtorch archive's
     * {@code build-version} ("2.7.1+cu128"), or DJL's cache folder name ("2.7.1-20250812-cpu-linux-x86_64").
     * {@code libtorch_cuda.so} in the folder makes it a CUDA build whatever the files say.
     *
     * @return version and flavour, either null when nothing says
     */
    static String[] versionOf(Path folder) {
        String version = null;
        String flavor = null;
        Path parent = folder.toAbsolutePath().getParent();
        String py = parent == null ? null : read(parent.resolve("version.py"));
        String archive = parent == null ? null : read(parent.resolve("build-version"));
        java.util.regex.Matcher cache = java.util.regex.Pattern
                .compile("^(\\d+\\.\\d+\\.\\d+)(?:-\\d+)?-(cpu|cu\\d+)(?:-precxx11)?-\\w+-\\w+$")
                .matcher(folder.getFileName() == null ? "" : folder.getFileName().toString());
        if (py != null) {
            version = pythonString(py, "__version__");
            String cuda = pythonString(py, "cuda");
            flavor = cuda == null ? "cpu" : "cu" + cuda.replace(".", "");
        } else if (archive != null) {
            version = archive.trim();
        } else if (cache.matches()) {
            version = cache.group(1);
            flavor = cache.group(2);
        }
        if (version != null && flavor == null) {
            int plus = version.indexOf('+');
            flavor = plus < 0 ? null : version.substring(plus + 1);
        }
        if (Files.exists(folder.resolve("libtorch_cuda.so")) && (flavor == null || !flavor.startsWith("cu"))) {
            flavor = "cuda";
        } else if (flavor == null && Files.exists(folder.resolve("libtorch_cpu.so"))) {
            flavor = "cpu";
        }
        return new String[] {version == null ? null : version.split("\\+")[0], flavor};
    }

    private static String pythonString(String source, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("(?m)^" + name + "\\s*(?::[^=]*)?=\\s*'([^']*)'").matcher(source);
        return m.find() ? m.group(1) : null;
    }

    static String read(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) < 65536 ? Files.readString(file) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** DJL's rules, with the settings and bundled jars of one process. */
    private static final class DjlRules {
        private final UnaryOperator<String> setting;
        private final ClassLoader resources;
        private final Properties platform;
        private final String djlVersion;
        private final String classifier;

        DjlRules(UnaryOperator<String> setting, ClassLoader resources) {
            this.setting = setting;
            this.resources = resources;
            this.platform = properties("native/lib/pytorch.properties");
            Properties engine = properties("pytorch-engine.properties");
            this.djlVersion = engine.getProperty("djl_version", "0.36.0");
            String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
            this.classifier = platform.getProperty("classifier",
                    "linux-" + (arch.equals("amd64") ? "x86_64" : arch));
            if (!platform.containsKey("version")) {
                platform.setProperty("version", engine.getProperty("pytorch_version", "2.7.1"));
            }
        }

        Libtorch libtorch(List<String> problems) {
            String override = set("PYTORCH_LIBRARY_PATH");
            if (override != null) {
                for (String entry : override.split(":")) {
                    Path p = Path.of(entry);
                    Path folder = p.getFileName() != null && p.getFileName().toString().equals("libtorch.so")
                            && Files.isRegularFile(p) ? p.getParent() : p;
                    if (Files.isRegularFile(folder.resolve("libtorch.so"))) {
                        String[] vf = versionOf(folder);
                        return new Libtorch(folder.toAbsolutePath(), "PYTORCH_LIBRARY_PATH", vf[0], vf[1]);
                    }
                }
                problems.add("PYTORCH_LIBRARY_PATH=" + override + " holds no libtorch.so: DJL ignores it and takes"
                        + " the bundled libtorch; point it at the folder that holds libtorch.so (for pip's torch,"
                        + " site-packages/torch/lib)");
            }
            if (!platform.containsKey("flavor")) {
                problems.add("no libtorch: PYTORCH_LIBRARY_PATH is unset and none travels with this program (the"
                        + " pytorch-native-cpu jar is not on the class path: an offline bundle made with"
                        + " --no-libtorch), so DJL would download one, which fails offline; point PYTORCH_LIBRARY_PATH"
                        + " at the folder that holds libtorch.so");
                return new Libtorch(null, "none", null, null);
            }
            String version = platform.getProperty("version");
            String flavor = platform.getProperty("flavor");
            String wanted = set("PYTORCH_VERSION");
            if (wanted != null && !version.startsWith(wanted)) {
                problems.add("PYTORCH_VERSION=" + wanted + " without PYTORCH_LIBRARY_PATH: DJL would download"
                        + " libtorch " + wanted + ", which fails offline; unset it, or point PYTORCH_LIBRARY_PATH at"
                        + " a libtorch " + wanted);
            }
            Path folder = cacheDir().resolve(version + "-" + flavor + "-" + classifier);
            return new Libtorch(folder, "bundled jar pytorch-native-cpu", release(version), flavor);
        }

        Jni jni(Libtorch lib, List<String> problems) {
            if (lib.folder() == null) {
                return new Jni(null, false, null, "download");
            }
            for (String name : new String[] {djlVersion + "-" + JNI_NAME, JNI_NAME}) {
                Path beside = lib.folder().resolve(name);
                if (Files.isRegularFile(beside)) {
                    // in the folder DJL unpacked the bundled jars into, the JNI is the bundled one
                    return "PYTORCH_LIBRARY_PATH".equals(lib.foundBy()) ? new Jni(beside, true, null, "beside libtorch")
                            : new Jni(beside, true, lib.version(), "DJL's cache, from the bundled jar pytorch-jni");
                }
            }
            boolean override = "PYTORCH_LIBRARY_PATH".equals(lib.foundBy());
            String version = override && set("PYTORCH_VERSION") != null ? set("PYTORCH_VERSION")
                    : platform.getProperty("version");
            String flavor = !override ? lib.flavor() : set("PYTORCH_FLAVOR") != null ? set("PYTORCH_FLAVOR")
                    // DJL's own default for a libtorch it did not unpack: a CUDA flavour when cudart finds a GPU
                    : CudaUtils.getGpuCount() > 0 ? "cu" + CudaUtils.getCudaVersionString() + "-precxx11"
                    : "cpu-precxx11";
            Path cached = cacheJni(version, flavor);
            if (Files.isRegularFile(cached)) {
                return new Jni(cached, true, release(version), "DJL's cache");
            }
            String bundled = properties("jnilib/pytorch.properties").getProperty("jni_version");
            String resource = "jnilib/" + classifier + "/" + flavor + "/" + JNI_NAME;
            if (bundled != null && bundled.startsWith(release(version) + "-" + djlVersion)) {
                if (resources.getResource(resource) == null) {
                    problems.add("the bundled pytorch-jni jar has no JNI for flavour " + flavor + " (it has cpu and"
                            + " cu128): set PYTORCH_FLAVOR to the flavour of " + lib.folder());
                }
                return new Jni(cached, false, release(bundled), "bundled jar pytorch-jni");
            }
            problems.add("no JNI for libtorch " + release(version) + " (" + flavor + "): DJL would download one,"
                    + " which fails offline; place a JNI built for libtorch " + release(version) + " at " + cached
                    + (override && set("PYTORCH_VERSION") == null ? " and set PYTORCH_VERSION" : "")
                    + " (docs/gpu.md)");
            return new Jni(cached, false, null, "download");
        }

        Path cacheJni(String version, String flavor) {
            return cacheDir().resolve(version + "-" + flavor + "-" + classifier).resolve(djlVersion + "-" + JNI_NAME);
        }

        /** DJL's {@code Utils.getEngineCacheDir("pytorch")}. */
        Path cacheDir() {
            String engine = set("ENGINE_CACHE_DIR");
            if (engine != null) {
                return Path.of(engine, "pytorch");
            }
            String djl = set("DJL_CACHE_DIR");
            if (djl != null) {
                return Path.of(djl, "pytorch");
            }
            Path home = Path.of(System.getProperty("user.home"));
            return (Files.isWritable(home) ? home : Path.of(System.getProperty("java.io.tmpdir")))
                    .resolve(".djl.ai").resolve("pytorch");
        }

        private String set(String name) {
            String v = setting.apply(name);
            return v == null || v.isEmpty() ? null : v;
        }

        private Properties properties(String resource) {
            Properties p = new Properties();
            try (InputStream in = resources.getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // unreadable: as if absent, which the callers report
            }
            return p;
        }
    }
}
