package dev.encodecparity.engine;

import ai.djl.ndarray.NDManager;
import dev.encodecparity.audio.AudioFiles;
import dev.encodecparity.codes.EncodedAudio;
import dev.encodecparity.model.ModelSource;
import dev.encodecparity.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs N encodes of a short clip in one process and prints, after warm-up and at the end: the resident set and the
 * number of live DJL arrays. Run in its own JVM with a fixed heap ({@link MemoryTest}), so resident-set growth can only
 * be native memory.
 */
public final class EncodeSoak {
    /** Calls between two readings of the resident set. */
    static final int CHECKPOINT = 100;

    private EncodeSoak() {
    }

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        float[][] clip = AudioFiles.read(TestData.path("audio/speech_24000hz_1ch.wav")).samples();
        float[][] audio = {Arrays.copyOf(clip[0], 4800)};
        NDManager probe = NDManager.newBaseManager();
        NDManager system = probe.getParentManager(); // every manager, and so every live array, hangs below it
        probe.close();
        try (ModelSource source = ModelSource.original(TestData.path("checkpoints/tiny_24khz.th"), "auto",
                TestData.path("configs/tiny_24khz.json"));
                Codec codec = Codec.load(source, ComputeDevice.resolve("cpu"))) {
            EncodedAudio first = codec.encode(audio, 8);
            for (int i = 0; i < 1000; i++) { // warm-up: JIT and the native allocator settle in ~1000 calls
                codec.encode(audio, 8);
            }
            long rssBefore = rssKb();
            int arraysBefore = system.getManagedArrays().size();
            boolean repeatable = true;
            StringBuilder trace = new StringBuilder().append(rssBefore);
            for (int i = 0; i < calls; i++) {
                repeatable &= codec.encode(audio, 8).sameAs(first);
                if ((i + 1) % CHECKPOINT == 0) {
                    trace.append(',').append(rssKb());
                }
            }
            System.out.println("rss_before_kb=" + rssBefore + " rss_after_kb=" + rssKb() + " arrays_before="
                    + arraysBefore + " arrays_after=" + system.getManagedArrays().size() + " repeatable=" + repeatable
                    + " rss_every_" + CHECKPOINT + "_kb=" + trace);
        }
    }

    static long rssKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }
}
