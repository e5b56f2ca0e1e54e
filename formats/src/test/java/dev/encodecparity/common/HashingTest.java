package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashingTest {
    /** FIPS 180-2's example of SHA-256: the message "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @TempDir
    Path tmp;

    @Test
    void bytesAndTheFileHoldingThemHashAlike() throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals(ABC, Hashing.sha256(abc));
        assertEquals(ABC, Hashing.sha256(Files.write(tmp.resolve("abc.txt"), abc)));
    }
}
