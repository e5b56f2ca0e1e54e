package dev.encodecparity.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encodecparity.config.XpConfig;
import dev.encodecparity.tensor.Tensor;
import dev.encodecparity.testing.ReaderContract;

/**
 * Coverage-guided fuzzing of the checkpoint reader: zip directory, pickle, legacy format, tensor views, and the
 * {@code xp.cfg} of AudioCraft packages. Each input is read the way {@code convert} reads a checkpoint, then every
 * tensor's bytes are read, so view bounds are exercised too; the rule checked is {@link ReaderContract}'s.
 *
 * <p>In a plain test run this replays the seeds and every past finding under
 * {@code src/test/resources/dev/encodecparity/checkpoint/CheckpointFuzzTestInputs/}; {@code scripts/fuzz} runs the
 * fuzzer itself.
 */
class CheckpointFuzzTest {
    /**
     * Heap per byte of the file on disk. Not {@link ReaderContract#DEFLATE_FACTOR}: storages are never inflated, and
     * data.pkl may inflate to at most 1 MiB plus twice the file, so deflate cannot multiply a checkpoint; what is
     * left that can cost more than {@link ReaderContract#BINARY_FACTOR} is the {@code xp.cfg} YAML text an audiocraft
     * package may carry, parsed into a tree like any YAML file.
     */
    static final long FACTOR = ReaderContract.TEXT_FACTOR;
    private static final ReaderContract CONTRACT = new ReaderContract("fuzz.th", FACTOR);

    @FuzzTest(maxDuration = "10m")
    void checkpoint(byte[] data) {
        CONTRACT.check(data, CheckpointFuzzTest::readLikeConvert);
    }

    static void readLikeConvert(java.nio.file.Path file) throws Exception {
        try (Checkpoint ckpt = Checkpoint.open(file)) {
            ckpt.description();
            for (Tensor t : ckpt.stateDict().values()) {
                t.readBytes();
            }
            ckpt.xpConfig().ifPresent(raw -> XpConfig.read(raw, file));
        }
    }
}
