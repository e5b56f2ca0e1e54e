package dev.encodecparity.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever a hostile file puts into a message, the message stays one line of bounded length. */
class BadInputExceptionTest {
    @Test
    void controlCharactersAreEscaped() {
        BadInputException e = new BadInputException(Path.of("a.th"), "zip entry x\ny\rz\u0000\u2028 is damaged");
        assertEquals("a.th: zip entry x\\ny\\rz\\u0000\\u2028 is damaged", e.getMessage());
        assertEquals("zip entry x\\ny\\rz\\u0000\\u2028 is damaged", e.reason());
    }

    @Test
    void longMessagesAreCut() {
        BadInputException e = new BadInputException(Path.of("c.json"), "x".repeat(5000));
        assertTrue(e.getMessage().startsWith("c.json: xxx"), e.getMessage());
        assertTrue(e.getMessage().endsWith("... (cut)"), e.getMessage());
        assertTrue(e.getMessage().length() <= BadInputException.MAX_MESSAGE + 20, "" + e.getMessage().length());
    }

    @Test
    void detailsFollowTheOneLineMessage() {
        BadInputException e = new BadInputException(Path.of("m.th"), "2 problems", List.of("missing: a", "unused:\nb"));
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(List.of("missing: a", "unused:\\nb"), e.details());
        assertEquals("m.th: 2 problems\n  missing: a\n  unused:\\nb", e.fullText());
        assertEquals(e.details(), e.in(Path.of("outer.zip")).details(), "a rethrow keeps the details");
    }
}
