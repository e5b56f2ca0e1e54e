package dev.encodecparity.verify;

import dev.encodecparity.common.BadInputException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which rows of a run are worked: {@code --only PATTERN} (a glob on clip names), {@code --shard I/N} (the whole run's
 * rows, in its fixed clip × bandwidth order, cut into N contiguous blocks whose sizes differ by at most one: the same
 * partition on every machine, and a clip's rows stay together, so each clip is encoded by one shard, not by all) and
 * {@code --fail-fast} (stop at the first row that does not pass). The union of the N shards of a run is the run.
 *
 * @param only a glob on clip names ({@code speech*}, {@code sub/*.wav}), or null for every clip
 * @param shard this shard, 1 to {@code shards}
 * @param shards how many shards the run is cut into
 * @param failFast whether to stop at the first row that does not pass
 */
public record RowSelection(String only, int shard, int shards, boolean failFast) {
    public static final RowSelection ALL = new RowSelection(null, 1, 1, false);
    private static final Pattern SHARD = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public RowSelection {
        if (shards < 1 || shard < 1 || shard > shards) {
            throw BadInputException.option("--shard " + shard + "/" + shards + ": I/N needs 1 <= I <= N");
        }
    }

    /** From the options' values; null means the option was not given. */
    public static RowSelection of(String only, String shard, boolean failFast) {
        if (only != null && only.isBlank()) {
            throw BadInputException.option("--only: empty pattern");
        }
        if (only != null) {
            try {
                FileSystems.getDefault().getPathMatcher("glob:" + only);
            } catch (IllegalArgumentException e) {
                throw BadInputException.option("--only " + only + ": not a glob pattern (" + e.getMessage() + ")");
            }
        }
        if (shard == null) {
            return new RowSelection(only, 1, 1, failFast);
        }
        Matcher m = SHARD.matcher(shard.strip());
        if (!m.matches()) {
            throw BadInputException.option("--shard must be I/N (1/3, 2/3, 3/3), not '" + shard + "'");
        }
        return new RowSelection(only, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), failFast);
    }

    /** Whether row {@code index} of a whole run of {@code total} rows (clip {@code clip}) is this selection's. */
    public boolean takes(int index, int total, String clip) {
        if ((int) ((long) index * shards / total) != shard - 1) { // row i is in block floor(i * N / total)
            return false;
        }
        if (only == null) {
            return true;
        }
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + only);
        return m.matches(Path.of(clip)) || m.matches(Path.of(clip).getFileName());
    }

    /** "2/3", or null for a whole run. */
    public String shardName() {
        return shards == 1 ? null : shard + "/" + shards;
    }
}
