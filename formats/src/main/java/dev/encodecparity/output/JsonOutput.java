package dev.encodecparity.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Output kinds recognised by the {@code "tool": "encodec-parity ..."} field every JSON file of this tool carries:
 * reports, sidecars, and data files (codes, decoded audio) through their sidecar.
 */
public final class JsonOutput implements OutputKind {
    /** Reports are read whole to recognise them; anything larger is not one of ours. */
    private static final long MAX_BYTES = 256L << 20;

    /** A {@code --report} file of verify or golden check. */
    public static final JsonOutput REPORT = new JsonOutput("a JSON report of " + ToolInfo.NAME, true);
    /** The {@code <file>.json} provenance beside an encode or decode output. */
    public static final JsonOutput SIDECAR = new JsonOutput("a provenance sidecar of " + ToolInfo.NAME, false);

    private final String description;
    private final boolean standardOutput;
    private final Predicate<Path> recognises;

    private JsonOutput(String description, boolean standardOutput) {
        this(description, standardOutput, p -> read(p) != null);
    }

    private JsonOutput(String description, boolean standardOutput, Predicate<Path> recognises) {
        this.description = description;
        this.standardOutput = standardOutput;
        this.recognises = recognises;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isFolder() {
        return false;
    }

    @Override
    public boolean allowsStandardOutput() {
        return standardOutput;
    }

    @Override
    public boolean isPreviousOutput(Path existing) {
        return recognises.test(existing);
    }

    /** The file's JSON object when it is one of this tool's (a {@code tool} field naming it), else null. */
    static JsonNode read(Path file) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            JsonNode n = Json.MAPPER.readTree(file.toFile());
            JsonNode tool = n == null ? null : n.get("tool");
            return tool != null && tool.isTextual() && tool.asText().startsWith(ToolInfo.NAME + " ") ? n : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A data file written with a sidecar ({@code <file>.json}, whose {@code sha256} field names the file's content):
     * recognised when the sidecar is this tool's and names this content (sidecars of versions before that field are
     * recognised by the tool field alone).
     */
    public static OutputKind withSidecar(String description) {
        return new JsonOutput(description, false, JsonOutput::isNamedBySidecar);
    }

    private static boolean isNamedBySidecar(Path data) {
        JsonNode side = read(sidecarOf(data));
        if (side == null || !Files.isRegularFile(data, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        JsonNode sha = side.get("sha256");
        try {
            return sha == null || sha.asText().equals(Hashing.sha256(data));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where the sidecar of {@code output} goes: {@code <output>.json} beside it. */
    public static Path sidecarOf(Path output) {
        return output.resolveSibling(output.getFileName() + ".json");
    }
}
