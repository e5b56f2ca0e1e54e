package dev.encodecparity.convert;

import dev.encodecparity.common.ToolInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys this tool writes into a converted model's safetensors metadata, so a folder can be traced to its source. */
public final class Provenance {
    public static final String PREFIX = "encodec_parity.";
    public static final String TOOL = PREFIX + "tool";
    public static final String SOURCE_FILE = PREFIX + "source_file";
    public static final String SOURCE_SHA256 = PREFIX + "source_sha256";
    public static final String SOURCE_FORMAT = PREFIX + "source_format";
    public static final String SOURCE_FAMILY = PREFIX + "source_family";
    public static final String VARIANT = PREFIX + "variant";
    public static final String SETTINGS = PREFIX + "settings_from";
    public static final String DTYPE_POLICY = PREFIX + "dtype_policy";
    /** Present only when converted with --allow-non-finite and some tensor holds NaN or infinities. */
    public static final String NON_FINITE_TENSORS = PREFIX + "non_finite_tensors";

    private Provenance() {
    }

    /** The metadata map: "format": "pt" (transformers checks it) followed by the provenance keys. */
    static Map<String, String> metadata(String sourceFile, String sha256, String format, String family,
            String variant, String settingsFrom) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put(TOOL, ToolInfo.nameAndVersion());
        m.put(SOURCE_FILE, sourceFile);
        m.put(SOURCE_SHA256, sha256);
        m.put(SOURCE_FORMAT, format);
        m.put(SOURCE_FAMILY, family);
        m.put(VARIANT, variant);
        m.put(SETTINGS, settingsFrom);
        m.put(DTYPE_POLICY, "kept: every tensor has its source dtype");
        return m;
    }
}
