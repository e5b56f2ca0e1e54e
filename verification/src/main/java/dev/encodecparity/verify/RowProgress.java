package dev.encodecparity.verify;

import dev.encodecparity.compare.Verdict;

/**
 * Told as a run works its rows, for people watching a long job: how many rows there are, then each row as it ends.
 * {@link #NONE} says nothing.
 */
public interface RowProgress {
    RowProgress NONE = new RowProgress() {
        @Override
        public void total(int rows) {
        }

        @Override
        public void done(String clip, double bandwidth, Verdict verdict, double seconds) {
        }
    };

    /** Before the first row: how many this run works. */
    void total(int rows);

    /** A row has ended. */
    void done(String clip, double bandwidth, Verdict verdict, double seconds);

    /** After the last row (or the one --fail-fast stopped at). */
    default void finished() {
    }
}
