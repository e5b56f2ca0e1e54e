package dev.encodecparity.convert;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.provenance.SafetensorsKeys;
import dev.encodecparity.checkpoint.PublishedCheckpoints;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a conversion records in a converted model's safetensors metadata, so a folder can be traced to its source:
 * an {@link OutputProvenance} (the keys are {@link SafetensorsKeys}) with the conversion's own notes.
 */
public final class Provenance {
    public static final String PREFIX = OutputProvenance.METADATA_PREFIX;
    public static final String TOOL = SafetensorsKeys.TOOL;
    public static final String SOURCE_FILE = SafetensorsKeys.SOURCE_FILE;
    public static final String SOURCE_SHA256 = SafetensorsKeys.SOURCE_SHA256;
    public static final String SOURCE_FORMAT = SafetensorsKeys.SOURCE_FORMAT;
    public static final String SOURCE_FAMILY = SafetensorsKeys.SOURCE_FAMILY;
    public static final String VARIANT = SafetensorsKeys.VARIANT;
    public static final String SETTINGS = SafetensorsKeys.SETTINGS;
    /** The note on dtypes: every tensor keeps the dtype it had. */
    static final String DTYPE_POLICY_NOTE = "dtype_policy";
    public static final String DTYPE_POLICY = PREFIX + DTYPE_POLICY_NOTE;
    /** The note present only when converted with --allow-non-finite and some tensor holds NaN or infinities. */
    static final String NON_FINITE_NOTE = "non_finite_tensors";
    public static final String NON_FINITE_TENSORS = PREFIX + NON_FINITE_NOTE;

    /** The note present when the source has a published checkpoint's name: which one, or why it is not it. */
    static final String PUBLISHED_NOTE = "published_checkpoint";
    public static final String PUBLISHED = PREFIX + PUBLISHED_NOTE;

    private Provenance() {
    }

    /**
     * What a source named like a published checkpoint is: that checkpoint ("encodec_24khz-d7cc33bc.th
     * (encodec_24khz, https://...)"), or, when its SHA-256 does not fit the published one (converted with
     * --no-check-hash), that it is not; null for any other name.
     */
    static String published(Path checkpoint, String sha256) {
        String name = checkpoint.getFileName().toString();
        for (PublishedCheckpoints.Known k : PublishedCheckpoints.all()) {
            if (k.fileName().equals(name)) {
                return PublishedCheckpoints.recognise(checkpoint, sha256).map(Provenance::recognised)
                        .orElse(notPublished(k));
            }
        }
        return null;
    }

    /** A value no shorter than what {@link #published} may return, for the metadata written before the hash. */
    static String publishedTemplate(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        for (PublishedCheckpoints.Known k : PublishedCheckpoints.all()) {
            if (k.fileName().equals(name)) {
                return "x".repeat(Math.max(recognised(k).length(), notPublished(k).length()));
            }
        }
        return null;
    }

    /** A file with no published hash is only named like the published one: said so, not claimed to be it. */
    private static String recognised(PublishedCheckpoints.Known k) {
        return k.hashPrefix() == null ? "named as " + k.describe() + "; no published hash to check it against"
                : k.describe() + "; its SHA-256 starts with " + k.hashPrefix() + " as published";
    }

    private static String notPublished(PublishedCheckpoints.Known k) {
        return "not the published " + k.fileName() + ": its SHA-256 does not start with " + k.hashPrefix()
                + " (converted with --no-check-hash)";
    }

    /**
     * The provenance of a conversion of {@code source} (its SHA-256 included).
     *
     * @param nonFinite the tensors holding NaN or infinities, as one line, or null when every weight is finite
     */
    static OutputProvenance of(OutputProvenance.Source source, String nonFinite) {
        return of(source, nonFinite, null);
    }

    /**
     * As above, with what the source is as a published checkpoint ({@link #published}), or null when its name is
     * not a published one.
     */
    static OutputProvenance of(OutputProvenance.Source source, String nonFinite, String published) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(DTYPE_POLICY_NOTE, "kept: every tensor has its source dtype");
        if (nonFinite != null) {
            notes.put(NON_FINITE_NOTE, nonFinite);
        }
        if (published != null) {
            notes.put(PUBLISHED_NOTE, published);
        }
        return new OutputProvenance(ToolInfo.nameAndVersion(), null, source, null, Map.of(), notes);
    }

    /** A converted folder's source as its metadata records it (null fields for a folder another tool wrote). */
    static OutputProvenance.Source sourceOf(Map<String, String> metadata) {
        return OutputProvenance.fromSafetensorsMetadata(metadata).source();
    }
}
