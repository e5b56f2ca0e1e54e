package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.engine.Codec;
import java.nio.file.Path;

/**
 * The provenance of a file output, written beside it as {@code <file>.json}: which tool, model, device, libtorch and
 * DJL produced it. (The .npz and .wav formats have no room for it that every reader keeps.) Written with the file
 * it describes by {@link OutputWithSidecar}.
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
}
