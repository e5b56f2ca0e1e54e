package dev.encodecparity.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.common.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provenance of one output. Fields an output does not record are null (a conversion has no engine; a sidecar
 * names no date), and maps are empty rather than null.
 *
 * @param tool "encodec-parity 0.1.0"
 * @param date when the run started (ISO-8601), or null
 * @param source the model or checkpoint the output was made from
 * @param engine what computed it, or null when nothing ran on an engine (a conversion)
 * @param inputs every file read (a label: "checkpoint /x.th", or a file name), with its SHA-256, in reading order
 * @param notes facts particular to one output, under that output's own key ("dtype_policy"), in writing order
 */
public record OutputProvenance(String tool, String date, Source source, Engine engine, Map<String, String> inputs,
        Map<String, String> notes) {
    public OutputProvenance {
        inputs = inputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        notes = notes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /**
     * The model or checkpoint an output was made from. Each field may be null where an output does not say it.
     *
     * @param description for humans: "original checkpoint x.th (encodec_24khz, settings from preset)"
     * @param file its path or file name
     * @param sha256 of its bytes
     * @param format how it was stored: "torch zip archive (root 'x'), plain state dict"
     * @param family the code base whose state-dict order it has ("encodec", "audiocraft")
     * @param variant the settings' name ("encodec_24khz")
     * @param settingsFrom where the settings came from ("preset encodec_24khz", "xp.cfg in the checkpoint", "config
     *     x.json, sha256 ...": a config file by its name and hash, never its path)
     */
    public record Source(String description, String file, String sha256, String format, String family,
            String variant, String settingsFrom) {
        /** A source known by its description, file and hash alone. */
        public static Source of(String description, String file, String sha256) {
            return new Source(description, file, sha256, null, null, null, null);
        }

        /** The same source with its SHA-256 known (a conversion learns it when its scan of the file ends). */
        public Source withSha256(String hash) {
            return new Source(description, file, hash, format, family, variant, settingsFrom);
        }
    }

    /**
     * What computed an output: the same facts in every output that ran a model.
     *
     * @param device "cpu" or "cuda:N"
     * @param gpu the GPU's model as the driver names it ("NVIDIA H100 80GB HBM3"), or null on the CPU
     * @param libtorch the libtorch version DJL loaded
     * @param djl DJL's version
     * @param threads libtorch intra-op threads
     * @param cpu the CPU model
     * @param numerics the numerics settings the run was made under (TF32, cuDNN benchmark, cuBLAS workspace), or null
     *     in outputs written before they were recorded
     * @param deviceWarning why a run asked to pick its device ({@code --device auto}) runs on the CPU although the
     *     machine has an NVIDIA driver, or null
     */
    public record Engine(String device, String gpu, String libtorch, String djl, int threads, String cpu,
            Numerics numerics, String deviceWarning) {
        /** An engine on the CPU, with nothing recorded about numerics (outputs of earlier versions, tests). */
        public Engine(String device, String libtorch, String djl, int threads, String cpu) {
            this(device, null, libtorch, djl, threads, cpu, null, null);
        }

        /**
         * "cpu (2 threads, AMD EPYC), libtorch 2.7.1, DJL 0.36.0"; on a GPU, "cuda:0 (NVIDIA H100 80GB HBM3), libtorch
         * 2.11.0, DJL 0.36.0, TF32 off".
         */
        public String summary() {
            if (device.equals("cpu")) {
                return "cpu (" + threads + " threads, " + cpu + "), libtorch " + libtorch + ", DJL " + djl;
            }
            return device + (gpu == null ? "" : " (" + gpu + ")") + ", libtorch " + libtorch + ", DJL " + djl
                    + (numerics == null ? "" : ", TF32 " + numerics.tf32());
        }
    }

    /** The {@code kind} of a sidecar document. */
    public static final String SIDECAR_KIND = "sidecar";

    /** The prefix of this tool's keys in a safetensors file's metadata (transformers keeps unknown keys). */
    public static final String METADATA_PREFIX = "encodec_parity.";

    /**
     * The safetensors {@code __metadata__} of a converted model: {@code "format": "pt"} (transformers checks it),
     * then the tool and the source under {@link #METADATA_PREFIX}, then the notes under the same prefix.
     */
    public Map<String, String> toSafetensorsMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put(SafetensorsKeys.TOOL, tool);
        m.put(SafetensorsKeys.SOURCE_FILE, source.file());
        m.put(SafetensorsKeys.SOURCE_SHA256, source.sha256());
        m.put(SafetensorsKeys.SOURCE_FORMAT, source.format());
        m.put(SafetensorsKeys.SOURCE_FAMILY, source.family());
        m.put(SafetensorsKeys.VARIANT, source.variant());
        m.put(SafetensorsKeys.SETTINGS, source.settingsFrom());
        notes.forEach((k, v) -> m.put(METADATA_PREFIX + k, v));
        return m;
    }

    /**
     * Reads back what {@link #toSafetensorsMetadata} wrote; keys missing from a folder another tool wrote are null,
     * and this tool's keys that are not the source's are notes.
     */
    public static OutputProvenance fromSafetensorsMetadata(Map<String, String> metadata) {
        Source source = new Source(null, metadata.get(SafetensorsKeys.SOURCE_FILE),
                metadata.get(SafetensorsKeys.SOURCE_SHA256), metadata.get(SafetensorsKeys.SOURCE_FORMAT),
                metadata.get(SafetensorsKeys.SOURCE_FAMILY), metadata.get(SafetensorsKeys.VARIANT),
                metadata.get(SafetensorsKeys.SETTINGS));
        Map<String, String> notes = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(METADATA_PREFIX) && !SafetensorsKeys.OF_THE_RECORD.contains(k)) {
                notes.put(k.substring(METADATA_PREFIX.length()), v);
            }
        });
        return new OutputProvenance(metadata.get(SafetensorsKeys.TOOL), null, source, null, Map.of(), notes);
    }

    /**
     * The first keys of a sidecar {@code <file>.json}: tool, model (description, file, SHA-256), then the engine's
     * facts, flat (numerics as one object). The command adds what it alone knows after these.
     */
    public ObjectNode toSidecar() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put(dev.encodecparity.common.JsonSchemas.KEY, dev.encodecparity.common.JsonSchemas.VERSION);
        o.put(dev.encodecparity.common.JsonDocument.KIND, SIDECAR_KIND);
        o.put("tool", tool);
        o.put("model", source.description());
        o.put("model_file", source.file());
        o.put("model_sha256", source.sha256());
        o.put("device", engine.device());
        o.put("libtorch", engine.libtorch());
        o.put("djl", engine.djl());
        o.put("threads", engine.threads());
        o.put("cpu", engine.cpu());
        o.put("gpu", engine.gpu());
        o.set("numerics", Json.MAPPER.valueToTree(engine.numerics()));
        o.put("device_warning", engine.deviceWarning());
        return o;
    }

    /** Reads back what {@link #toSidecar} wrote (other keys of the sidecar are the command's own, not provenance). */
    public static OutputProvenance fromSidecar(JsonNode sidecar) {
        Source source = Source.of(text(sidecar, "model"), text(sidecar, "model_file"), text(sidecar, "model_sha256"));
        JsonNode threads = sidecar.get("threads");
        JsonNode numerics = sidecar.get("numerics");
        Engine engine = new Engine(text(sidecar, "device"), text(sidecar, "gpu"), text(sidecar, "libtorch"),
                text(sidecar, "djl"), threads == null ? 0 : threads.asInt(), text(sidecar, "cpu"),
                numerics == null || numerics.isNull() ? null : Json.MAPPER.convertValue(numerics, Numerics.class),
                text(sidecar, "device_warning"));
        return new OutputProvenance(text(sidecar, "tool"), null, source, engine, Map.of(), Map.of());
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
