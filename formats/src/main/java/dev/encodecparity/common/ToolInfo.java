package dev.encodecparity.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool's name and version, written into every output so that a report or a model folder can be traced. */
public final class ToolInfo {
    public static final String NAME = "encodec-parity";
    private static final Properties BUILD = load();
    public static final String VERSION = value("version");
    /**
     * The commit the jars were built from ("0108691b12e9", "-dirty" appended when the tree had uncommitted changes),
     * or "unknown" when they were built outside a git checkout.
     */
    public static final String COMMIT = value("commit") + ("true".equals(BUILD.getProperty("dirty")) ? "-dirty" : "");

    private ToolInfo() {
    }

    /** "encodec-parity 0.1.0". */
    public static String nameAndVersion() {
        return NAME + " " + VERSION;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** A build property; one Maven did not fill in (no git folder) is unknown. */
    private static String value(String key) {
        String v = BUILD.getProperty(key, "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
