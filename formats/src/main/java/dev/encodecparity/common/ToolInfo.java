package dev.encodecparity.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool's name and version, written into every output so that a report or a model folder can be traced. */
public final class ToolInfo {
    public static final String NAME = "encodec-parity";
    public static final String VERSION = load();

    private ToolInfo() {
    }

    /** "encodec-parity 0.1.0". */
    public static String nameAndVersion() {
        return NAME + " " + VERSION;
    }

    private static String load() {
        try (InputStream in = ToolInfo.class.getResourceAsStream("tool.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
