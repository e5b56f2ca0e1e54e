package dev.encodecparity.inspect;

import dev.encodecparity.checkpoint.PublishedCheckpoints;
import dev.encodecparity.convert.Provenance;
import dev.encodecparity.provenance.OutputProvenance;
import java.nio.file.Path;

/** What a file is among the published checkpoints, by name and by the hash prefix torch.hub's names carry. */
final class Published {
    /** The note a conversion records about a published source, without the metadata key's prefix. */
    private static final String NOTE = Provenance.PUBLISHED.substring(OutputProvenance.METADATA_PREFIX.length());

    private Published() {
    }

    /** A checkpoint file: its name and SHA-256 against the published table; null when neither matches. */
    static InspectReport.Published ofCheckpoint(Path file, String sha256) {
        String name = file.getFileName().toString();
        for (PublishedCheckpoints.Known k : PublishedCheckpoints.all()) {
            if (k.fileName().equals(name)) {
                if (k.hashPrefix() == null) {
                    return of(InspectReport.Match.NAMED_ONLY, "named as " + k.describe() + "; no published hash to"
                            + " check it against", k);
                }
                return sha256.startsWith(k.hashPrefix())
                        ? of(InspectReport.Match.RECOGNISED, k.describe() + "; its SHA-256 starts with "
                                + k.hashPrefix() + " as published", k)
                        : of(InspectReport.Match.HASH_DIFFERS, "named as " + k.fileName() + ", but its SHA-256 does"
                                + " not start with " + k.hashPrefix() + ": not the published file (torch.hub refuses"
                                + " it)", k);
            }
        }
        for (PublishedCheckpoints.Known k : PublishedCheckpoints.all()) {
            if (k.hashPrefix() != null && sha256.startsWith(k.hashPrefix())) {
                return of(InspectReport.Match.RENAMED, "its SHA-256 starts with " + k.hashPrefix() + ", as "
                        + k.describe() + " does: that file under another name", k);
            }
        }
        return null;
    }

    /** A converted folder: what its provenance says of its source, or null when it says nothing. */
    static InspectReport.Published ofProvenance(OutputProvenance p) {
        String note = p.notes().get(NOTE);
        return note == null ? null
                : new InspectReport.Published(InspectReport.Match.SOURCE_IN_PROVENANCE, "converted from " + note,
                        null, p.source().variant(), null);
    }

    private static InspectReport.Published of(InspectReport.Match match, String summary,
            PublishedCheckpoints.Known k) {
        return new InspectReport.Published(match, summary, k.fileName(), k.variant(), k.source());
    }
}
