package dev.encodecparity.provenance;

import java.util.Set;

/** The keys {@link OutputProvenance} writes into a converted model's safetensors metadata, and reads back. */
public final class SafetensorsKeys {
    public static final String TOOL = OutputProvenance.METADATA_PREFIX + "tool";
    public static final String SOURCE_FILE = OutputProvenance.METADATA_PREFIX + "source_file";
    public static final String SOURCE_SHA256 = OutputProvenance.METADATA_PREFIX + "source_sha256";
    public static final String SOURCE_FORMAT = OutputProvenance.METADATA_PREFIX + "source_format";
    public static final String SOURCE_FAMILY = OutputProvenance.METADATA_PREFIX + "source_family";
    public static final String VARIANT = OutputProvenance.METADATA_PREFIX + "variant";
    public static final String SETTINGS = OutputProvenance.METADATA_PREFIX + "settings_from";
    /** The keys that are fields of the record; every other key under the prefix is a note. */
    static final Set<String> OF_THE_RECORD = Set.of(TOOL, SOURCE_FILE, SOURCE_SHA256, SOURCE_FORMAT, SOURCE_FAMILY,
            VARIANT, SETTINGS);

    private SafetensorsKeys() {
    }
}
