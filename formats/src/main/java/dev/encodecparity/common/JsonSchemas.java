package dev.encodecparity.common;

/**
 * The version of every JSON document the tool writes (reports, sidecars, bench lines, golden manifests, doctor, error
 * objects), as {@code "schema_version"}, each with a JSON Schema in {@code docs/schemas/<kind>.schema.json}. The
 * number goes up when a field changes meaning or goes away; added fields keep it.
 */
public final class JsonSchemas {
    /** 1: the first versioned format (issue 16): one casing for verdicts, non-finite numbers as null plus a reason. */
    public static final int VERSION = 1;
    /** The key every document carries its version under. */
    public static final String KEY = "schema_version";

    private JsonSchemas() {
    }
}
