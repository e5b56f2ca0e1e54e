package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.AtomicOutput;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.engine.Codec;
import java.nio.file.Path;

/**
 * The provenance of a file output, written beside it as {@code <file>.json}: which tool, model, device, libtorch and
 * DJL produced it. (The .npz and .wav formats have no room for it that every reader keeps.)
 */
final class Sidecar {
    private Sidecar() {
    }

    static ObjectNode provenance(Codec codec, Path modelFile, String modelSha256) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("tool", ToolInfo.nameAndVersion());
        o.put("model", codec.source());
        o.put("model_file", modelFile.toString());
        o.put("model_sha256", modelSha256);
        var e = codec.info();
        o.put("device", e.device());
        o.put("libtorch", e.libtorch());
        o.put("djl", e.djl());
        o.put("threads", e.threads());
        o.put("cpu", e.cpu());
        return o;
    }

    /** Checks, before any work, that the output and its sidecar can both be written: neither appears alone. */
    static void checkDestinations(Path output) {
        AtomicOutput.checkDestination(output, AtomicOutput.Kind.FILE, true);
        AtomicOutput.checkDestination(of(output), AtomicOutput.Kind.FILE, true);
    }

    private static Path of(Path output) {
        return output.resolveSibling(output.getFileName() + ".json");
    }

    static Path write(Path output, ObjectNode content) {
        Path side = of(output);
        AtomicOutput.publish(side, AtomicOutput.Kind.FILE, true,
                staging -> Json.MAPPER.writeValue(staging.toFile(), content));
        return side;
    }
}
