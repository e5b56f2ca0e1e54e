package dev.encodecparity.compare;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The outcome of a check, for one row (a clip at a bandwidth) or for a whole run of {@code verify} or
 * {@code golden check}. BROKEN is not a difference: a model's weights or outputs are not all finite.
 *
 * <p>It has two spellings. A row's shouts what failed ("pass", "FAIL", "BROKEN"), so that a failing row stands out
 * in a table of passing ones; a whole run's is plain ("pass", "fail", "broken"). Both are in the JSON reports, and
 * scripts read them: a report's {@code verdict} is written in the run spelling (see {@link #word}), a row's with
 * {@link RowSpelling}.
 */
public enum Verdict {
    PASS("pass", "pass"),
    FAIL("fail", "FAIL"),
    BROKEN("broken", "BROKEN");

    private final String word;
    private final String rowWord;

    Verdict(String word, String rowWord) {
        this.word = word;
        this.rowWord = rowWord;
    }

    /** A broken outcome wins over a difference, a difference over a pass. */
    public static Verdict of(boolean broken, boolean passed) {
        return broken ? BROKEN : passed ? PASS : FAIL;
    }

    /** The whole run's spelling, as the report's {@code verdict} gives it: "pass", "fail", "broken". */
    @JsonValue
    public String word() {
        return word;
    }

    /** A row's spelling, in the table and in the report's rows: "pass", "FAIL", "BROKEN". */
    public String rowWord() {
        return rowWord;
    }

    /** The summary line's first word: "PASS", "FAIL", "BROKEN". */
    public String headline() {
        return name();
    }

    public boolean passed() {
        return this == PASS;
    }

    /** Writes a row's verdict in the row spelling ({@code @JsonSerialize(using = Verdict.RowSpelling.class)}). */
    public static final class RowSpelling extends StdSerializer<Verdict> {
        public RowSpelling() {
            super(Verdict.class);
        }

        @Override
        public void serialize(Verdict v, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(v.rowWord());
        }
    }
}
