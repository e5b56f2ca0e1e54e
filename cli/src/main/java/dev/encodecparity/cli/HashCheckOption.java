package dev.encodecparity.cli;

import dev.encodecparity.checkpoint.PublishedCheckpoints;
import dev.encodecparity.common.Hashing;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * torch.hub's rule for a checkpoint named {@code name-<hex>.th}: its SHA-256 must start with {@code <hex>}, checked
 * before any work (a file named otherwise is not hashed for it). {@code --no-check-hash} goes on anyway; a conversion
 * then records in its provenance that the file is not the published one.
 */
final class HashCheckOption {
    @Option(names = "--no-check-hash", description = "Go on when a checkpoint named in torch.hub's way"
            + " (name-<hex>.th) has a SHA-256 that does not start with <hex> (refused otherwise, as torch.hub does).")
    boolean skip;

    /** Refuses {@code checkpoint} (exit 2) when its name carries a hash prefix its bytes do not have. */
    void check(Path checkpoint) {
        if (!skip && checkpoint != null && PublishedCheckpoints.namedHashPrefix(checkpoint).isPresent()) {
            PublishedCheckpoints.checkNamedHash(checkpoint, Hashing.sha256(checkpoint));
        }
    }
}
