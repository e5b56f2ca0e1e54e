package dev.encodecparity.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.encodecparity.common.Json;
import org.junit.jupiter.api.Test;

/** The verdict's spellings: one in JSON for rows and runs alike, and a shouting one for rows in the table. */
class VerdictTest {
    record Report(Verdict row, Verdict verdict) {
    }

    @Test
    void brokenWinsOverADifferenceAndADifferenceOverAPass() {
        assertEquals(Verdict.BROKEN, Verdict.of(true, true));
        assertEquals(Verdict.BROKEN, Verdict.of(true, false));
        assertEquals(Verdict.PASS, Verdict.of(false, true));
        assertEquals(Verdict.FAIL, Verdict.of(false, false));
        assertTrue(Verdict.PASS.passed());
        assertFalse(Verdict.FAIL.passed());
        assertFalse(Verdict.BROKEN.passed());
    }

    @Test
    void rowsShoutWhatFailedAndRunsDoNot() {
        assertEquals("pass", Verdict.PASS.rowWord());
        assertEquals("FAIL", Verdict.FAIL.rowWord());
        assertEquals("BROKEN", Verdict.BROKEN.rowWord());
        assertEquals("pass", Verdict.PASS.word());
        assertEquals("fail", Verdict.FAIL.word());
        assertEquals("broken", Verdict.BROKEN.word());
        assertEquals("PASS", Verdict.PASS.headline());
        assertEquals("FAIL", Verdict.FAIL.headline());
        assertEquals("BROKEN", Verdict.BROKEN.headline());
    }

    @Test
    void jsonHasOneLowerCaseSpellingAndReadsItBack() throws Exception {
        var w = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);
        assertEquals("{\"row\":\"fail\",\"verdict\":\"fail\"}", w.writeValueAsString(new Report(Verdict.FAIL,
                Verdict.FAIL)));
        assertEquals("{\"row\":\"broken\",\"verdict\":\"broken\"}", w.writeValueAsString(new Report(Verdict.BROKEN,
                Verdict.BROKEN)));
        for (Verdict v : Verdict.values()) {
            assertEquals(new Report(v, v), Json.MAPPER.readValue(w.writeValueAsString(new Report(v, v)),
                    Report.class));
        }
    }
}
