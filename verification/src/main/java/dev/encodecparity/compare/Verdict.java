package dev.encodecparity.compare;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The outcome of a check, for one row (a clip at a bandwidth) or for a whole run of {@code verify} or
 * {@code golden check}. BROKEN is not a difference: a model's weights or outputs are not all finite.
 *
 * <p>JSON has one spelling for rows and runs alike: "pass", "fail", "broken" ({@link #word}). The terminal table
 * shouts what failed in a row ("pass", "FAIL", "BROKEN", {@link #rowWord}) so that a failing row stands out among
 * passing ones.
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

    /** A row's spelling in the terminal table: "pass", "FAIL", "BROKEN". */
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

    /** The verdict a JSON document spells {@code word} ("pass", "fail", "broken"). */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Verdict ofWord(String word) {
        for (Verdict v : values()) {
            if (v.word.equals(word)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no verdict is spelled '" + word + "'");
    }
}
