package dev.encodecparity.cli;

import dev.encodecparity.verify.RowSelection;
import picocli.CommandLine.Option;

/**
 * Which rows a nightly job works: {@code --only PATTERN}, {@code --shard I/N}, {@code --fail-fast}. Shared by verify
 * and golden check, so a job split across machines cuts both the same way ({@link RowSelection}).
 */
final class SelectionOptions {
    @Option(names = "--only", paramLabel = "PATTERN",
            description = "Only clips whose name (or file name) matches this glob: 'speech*', 'sub/*.wav'.")
    String only;

    @Option(names = "--shard", paramLabel = "I/N", description = "Only shard I of N: the whole run's rows (clip by"
            + " clip, bandwidths in order) cut into N contiguous blocks of equal size, the same on every machine."
            + " 'report merge' joins the shards' reports into the whole run's.")
    String shard;

    @Option(names = "--fail-fast", description = "Stop at the first row that does not pass.")
    boolean failFast;

    RowSelection selection() {
        return RowSelection.of(only, shard, failFast);
    }
}
