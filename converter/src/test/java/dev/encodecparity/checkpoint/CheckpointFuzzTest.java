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
    private static final ReaderContract CONTRACT = new ReaderContract("fuzz.th", ReaderContract.DEFLATE_FACTOR);

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
