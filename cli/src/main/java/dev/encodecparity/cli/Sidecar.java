package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.engine.Codec;
import dev.encodecparity.provenance.OutputProvenance;
import java.nio.file.Path;
import java.util.Map;

/**
 * The provenance of a file output, written beside it as {@code <file>.json}: which tool, model, device, libtorch and
 * DJL produced it (an {@link OutputProvenance} in the sidecar's spelling). (The .npz and .wav formats have no room for
 * it that every reader keeps.) Written with the file it describes by {@link OutputWithSidecar}.
 */
final class Sidecar {
    private Sidecar() {
    }

    static ObjectNode provenance(Codec codec, Path modelFile, String modelSha256) {
        return new OutputProvenance(ToolInfo.nameAndVersion(), null,
                OutputProvenance.Source.of(codec.source(), modelFile.toString(), modelSha256),
                codec.info(), Map.of(), Map.of()).toSidecar();
    }
}
