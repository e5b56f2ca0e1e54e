package dev.encodecparity.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.encodecparity.testing.ReaderContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Coverage-guided fuzzing of the two config readers: a transformers {@code config.json} (read, then turned into the
 * model it describes) and an AudioCraft {@code xp.cfg} YAML document (read, then validated). The rule checked is
 * {@link ReaderContract}'s. Replays its inputs in a plain test run; {@code scripts/fuzz} fuzzes.
 */
class ConfigFuzzTest {
    private static final ReaderContract JSON = new ReaderContract("config.json", ReaderContract.TEXT_FACTOR);
    private static final ReaderContract YAML = new ReaderContract("xp.cfg", ReaderContract.TEXT_FACTOR);

    @FuzzTest(maxDuration = "10m")
    void encodecConfig(byte[] data) {
        JSON.check(data, file -> EncodecConfig.read(file).toSpec());
    }

    @FuzzTest(maxDuration = "10m")
    void xpConfig(byte[] data) {
        YAML.check(data, file -> XpConfig.read(new String(Files.readAllBytes(file), StandardCharsets.UTF_8), file));
    }
}
