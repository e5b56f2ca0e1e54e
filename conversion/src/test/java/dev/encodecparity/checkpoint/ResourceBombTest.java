package dev.encodecparity.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.config.XpConfig;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Small inputs that describe enormous values by sharing parts: each is refused quickly with its own message instead
 * of taking exponential time or memory.
 */
class ResourceBombTest {
    private static final Path FILE = Path.of("bomb.th");

    /** A pickle of {t40: 0} where t(i+1) = (t(i), t(i)) through the memo: 2^40 parts in about 250 bytes. */
    @Test
    void aTupleKeySharingItsPartsIsRefused() {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);
        p.write(2); // PROTO 2
        p.write('}'); // EMPTY_DICT
        p.write(')'); // EMPTY_TUPLE: t0
        for (int i = 0; i < 40; i++) {
            p.write('q');
            p.write(0); // BINPUT 0
            p.write('h');
            p.write(0); // BINGET 0
            p.write(0x86); // TUPLE2: (t, t)
        }
        p.write('K');
        p.write(0); // BININT1 0
        p.write('s'); // SETITEM
        p.write('.'); // STOP
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                BadInputException.class, () -> Unpickler.load(ByteReader.of(FILE, ByteBuffer.wrap(p.toByteArray())),
                        pid -> null)));
        assertTrue(e.getMessage().contains("a dict key or set item has more than 1000 parts"), e.getMessage());
    }

    @Test
    void anXpConfigDictSharingItsPartsIsRefused() {
        Map<String, Object> level = new LinkedHashMap<>(Map.of("x", 1));
        for (int i = 0; i < 40; i++) { // 2^40 values as a tree
            Map<String, Object> next = new LinkedHashMap<>();
            next.put("a", level);
            next.put("b", level);
            level = next;
        }
        Map<String, Object> raw = level;
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(BadInputException.class, () -> XpConfig.read(raw, FILE)));
        assertTrue(e.getMessage().contains("xp.cfg has more than 100000 values"), e.getMessage());
    }

    @Test
    void anXpConfigValueInterpolatingItselfTwicePerLevelIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: x\n");
        for (int i = 1; i <= 20; i++) { // a20 expands to 2^20 copies of x
            yaml.append("a").append(i).append(": ${a").append(i - 1).append("}${a").append(i - 1).append("}\n");
        }
        yaml.append("encodec:\n  autoencoder: ${a20}\n");
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(BadInputException.class, () -> XpConfig.read(yaml.toString(), FILE)));
        assertTrue(e.getMessage().contains("one value needs more than 1000 interpolations"), e.getMessage());
    }

    @Test
    void anXpConfigInterpolationBuildingHugeTextIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: ").append("x".repeat(10_000)).append("\n");
        for (int i = 1; i <= 6; i++) { // a6 is 640,000 characters, from 64 interpolations
            yaml.append("a").append(i).append(": ${a").append(i - 1).append("}${a").append(i - 1).append("}\n");
        }
        yaml.append("encodec:\n  autoencoder: ${a6}\n");
        BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(BadInputException.class, () -> XpConfig.read(yaml.toString(), FILE)));
        assertTrue(e.getMessage().contains("interpolations expand to more than 262144 characters"), e.getMessage());
    }
}
