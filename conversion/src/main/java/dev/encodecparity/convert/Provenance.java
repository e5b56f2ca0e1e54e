package dev.encodecparity.convert;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.provenance.SafetensorsKeys;
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

    private Provenance() {
    }

    /**
     * The provenance of a conversion of {@code source} (its SHA-256 included).
     *
     * @param nonFinite the tensors holding NaN or infinities, as one line, or null when every weight is finite
     */
    static OutputProvenance of(OutputProvenance.Source source, String nonFinite) {
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(DTYPE_POLICY_NOTE, "kept: every tensor has its source dtype");
        if (nonFinite != null) {
            notes.put(NON_FINITE_NOTE, nonFinite);
        }
        return new OutputProvenance(ToolInfo.nameAndVersion(), null, source, null, Map.of(), notes);
    }

    /** A converted folder's source as its metadata records it (null fields for a folder another tool wrote). */
    static OutputProvenance.Source sourceOf(Map<String, String> metadata) {
        return OutputProvenance.fromSafetensorsMetadata(metadata).source();
    }
}
