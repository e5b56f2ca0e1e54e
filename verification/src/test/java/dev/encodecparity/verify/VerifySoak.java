package dev.encodecparity.verify;

import ai.djl.ndarray.NDManager;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.testing.TestData;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@code verify} N times in one process on the tiny 24 kHz model (conversion into a temporary folder, both
 * models loaded, every bandwidth of one clip compared) and prints, every tenth of the way: resident set, heap in use
 * after a full GC, live DJL arrays and open file descriptors. The last line sums it up as key=value pairs.
 *
 * <p>Run in its own JVM with a fixed heap ({@link VerifySoakTest}, or by hand for the 1,000-run figure in
 * docs/reliability.md), so that resident-set growth can only be native memory:
 * {@code java -Xms96m -Xmx96m -cp ... dev.encodecparity.verify.VerifySoak 1000}.
 */
public final class VerifySoak {
    /** JIT compilation, class loading and the native allocator settle first (encodecparity.soakWarmUp). */
    private static final int WARM_UP = Integer.getInteger("encodecparity.soakWarmUp", 200);
    /** A deliberate leak of this many kB of native memory per run, to show that the soak test catches one. */
    private static final int LEAK_KB = Integer.getInteger("encodecparity.soakLeakKb", 0);
    private static final List<java.nio.ByteBuffer> LEAKED = new java.util.ArrayList<>();

    private VerifySoak() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Verification.Options options = new Verification.Options(TestData.path("checkpoints/tiny_24khz.th"), "auto",
                TestData.path("configs/tiny_24khz.json"), null,
                List.of(TestData.path("audio/speech_24000hz_1ch.wav")), List.of(), 1e-5);
        ComputeDevice cpu = ComputeDevice.resolve("cpu");
        NDManager probe = NDManager.newBaseManager();
        NDManager system = probe.getParentManager(); // every manager, and so every live array, hangs below it
        probe.close();
        VerifyReport first = Verification.run(options, cpu, s -> { });
        for (int i = 0; i < WARM_UP; i++) {
            Verification.run(options, cpu, s -> { });
        }
        Sample before = Sample.take(system);
        System.out.println("after warm-up: " + before);
        holdFor("encodecparity.soakHoldAfterWarmUp"); // time for `jcmd PID VM.native_memory baseline`
        boolean same = true;
        long start = System.nanoTime();
        for (int i = 1; i <= runs; i++) {
            VerifyReport r = Verification.run(options, cpu, s -> { });
            same &= untimed(r.rows()).equals(untimed(first.rows())) && r.passed();
            if (LEAK_KB > 0) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(LEAK_KB * 1024);
                for (int k = 0; k < b.capacity(); k += 4096) {
                    b.put(k, (byte) 1); // touch every page, so that it is resident
                }
                LEAKED.add(b);
            }
            if (i % Math.max(1, runs / 10) == 0) {
                System.out.println("run " + i + ": " + Sample.take(system));
            }
        }
        double secondsPerRun = (System.nanoTime() - start) / 1e9 / runs;
        Sample after = Sample.take(system);
        System.out.printf("runs=%d seconds_per_run=%.3f rss_before_kb=%d rss_after_kb=%d heap_before_kb=%d"
                        + " heap_after_kb=%d arrays_before=%d arrays_after=%d fds_before=%d fds_after=%d"
                        + " same_reports=%b%n", runs, secondsPerRun, before.rssKb, after.rssKb, before.heapKb,
                after.heapKb, before.arrays, after.arrays, before.fds, after.fds, same);
        holdFor("encodecparity.soakHoldAtEnd"); // time for `jcmd PID VM.native_memory summary.diff`
    }

    /** Sleeps for the seconds in a system property, if set: a pause to look at the process from outside. */
    private static void holdFor(String property) throws InterruptedException {
        Thread.sleep(1000L * Integer.getInteger(property, 0));
    }

    record Sample(long rssKb, long heapKb, int arrays, long fds) {
        static Sample take(NDManager system) throws IOException {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            return new Sample(readRssKb(), heap, system.getManagedArrays().size(), fds);
        }

        @Override
        public String toString() {
            return "rss " + rssKb + " kB, heap " + heapKb + " kB, arrays " + arrays + ", fds " + fds;
        }
    }

    static long readRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    /** Rows without their wall times, which differ from run to run. */
    private static java.util.List<VerifyReport.Row> untimed(java.util.List<VerifyReport.Row> rows) {
        return rows.stream().map(r -> VerifyReport.Row.builder().from(r).seconds(0).build()).toList();
    }
}
