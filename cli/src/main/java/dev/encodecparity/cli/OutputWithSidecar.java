package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Json;
import dev.encodecparity.output.Destination;
import dev.encodecparity.output.JsonOutput;
import dev.encodecparity.output.OutputKind;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.output.Staged;
import java.nio.file.Path;

/**
 * A data file and its provenance sidecar {@code <file>.json}, checked together before any work and published as one
 * unit. The rule, for readers of these files: the sidecar is published first and the data second, and the sidecar's
 * {@code sha256} names the data's content. So a data file never appears without its sidecar; a run killed between
 * the two renames leaves a sidecar whose data is missing or does not match its {@code sha256}, which is the trace of
 * an interrupted run, never a valid pair. Any error before the second rename puts both back as they were.
 */
final class OutputWithSidecar {
    /** Codes written by encode. */
    static final OutputKind CODES = JsonOutput.withSidecar("a codes file written by encodec-parity encode (it has"
            + " a sidecar <file>.json naming its content)");
    /** Audio written by decode. */
    static final OutputKind AUDIO = JsonOutput.withSidecar("an audio file written by encodec-parity decode (it has"
            + " a sidecar <file>.json naming its content)");

    private final Destination data;
    private final Destination sidecar;

    private OutputWithSidecar(Destination data, Destination sidecar) {
        this.data = data;
        this.sidecar = sidecar;
    }

    static OutputWithSidecar check(Outputs outputs, Path out, OutputKind kind) {
        Destination data = outputs.destination("--out", out, kind);
        Destination side = outputs.destination("--out (its sidecar)", JsonOutput.sidecarOf(out), JsonOutput.SIDECAR);
        return new OutputWithSidecar(data, side);
    }

    /** Writes both; returns the sidecar's path as given. */
    Path publish(Staged.Writer writeData, ObjectNode provenance) {
        try (Staged d = data.stage(writeData);
                Staged s = sidecar.stage(staging -> {
                    provenance.put("sha256", Hashing.sha256(d.path()));
                    Json.MAPPER.writeValue(staging.toFile(), provenance);
                })) {
            Staged.commitInOrder(s, d);
        }
        return sidecar.given();
    }
}
