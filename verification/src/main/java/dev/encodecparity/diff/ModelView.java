package dev.encodecparity.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.layout.TransformersLayout;
import dev.encodecparity.mapping.WeightMapping;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a diff in transformers terms: tensors under their legacy weight-norm names, config.json and
 * preprocessor_config.json as parsed JSON, and the safetensors metadata. A folder is read as it is; an original
 * checkpoint is converted in memory by {@link Converter#plan}, so it is seen with the names and files its conversion
 * writes. Owns the open file until closed.
 */
final class ModelView implements AutoCloseable {
    /** Larger than any config this tool reads ({@link EncodecConfig} has the same bound). */
    private static final int MAX_JSON_BYTES = 16 << 20;

    private final DiffReport.Side side;
    private final Map<String, Tensor> tensors;
    private final ObjectNode config;
    private final EncodecConfig effective;
    private final ObjectNode preprocessor;
    private final Map<String, String> metadata;
    private final Path folder;
    private final Path weightsFile;
    private final AutoCloseable owner;

    private ModelView(DiffReport.Side side, Map<String, Tensor> tensors, ObjectNode config, EncodecConfig effective,
            ObjectNode preprocessor, Map<String, String> metadata, Path folder, Path weightsFile,
            AutoCloseable owner) {
        this.side = side;
        this.tensors = tensors;
        this.config = config;
        this.effective = effective;
        this.preprocessor = preprocessor;
        this.metadata = metadata;
        this.folder = folder;
        this.weightsFile = weightsFile;
        this.owner = owner;
    }

    /**
     * Opens what {@code where} names.
     *
     * @param given the path or repo id as the user gave it
     * @param model with a checkpoint: a preset name or "auto"
     * @param configFile with a checkpoint: a custom model's config.json, or null
     */
    static ModelView open(String given, ModelLocations.Located where, String model, Path configFile) {
        if (where.kind() == ModelLocations.Kind.FILE) {
            if (where.path().getFileName().toString().endsWith(".safetensors")) {
                throw new BadInputException(where.path(), "is a lone safetensors file: diff compares a model folder"
                        + " (its weights with their config.json), so name the folder that holds it");
            }
            return checkpoint(given, where, model, configFile);
        }
        return folder(given, where);
    }

    private static ModelView checkpoint(String given, ModelLocations.Located where, String model, Path configFile) {
        Checkpoint c = Checkpoint.open(where.path());
        try {
            Converter.Plan plan = Converter.plan(c, model, configFile);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (WeightMapping.Assignment a : plan.tensors()) {
                tensors.put(a.target(), a.tensor());
            }
            String description = "original checkpoint " + where.path().getFileName() + " (" + c.description()
                    + ") converted in memory, settings from " + plan.settings().origin();
            DiffReport.Side side = new DiffReport.Side(given, where.label(), "checkpoint", description,
                    TransformersLayout.weightNormSpelling(tensors.keySet()));
            ObjectNode config = object(plan.configFile(), where.path());
            ObjectNode preprocessor = object(plan.preprocessorFile(), where.path());
            return new ModelView(side, tensors, config, plan.config(), preprocessor, null, null, where.path(), c);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static ModelView folder(String given, ModelLocations.Located where) {
        TransformersFolder f = TransformersFolder.open(where.path());
        try {
            Map<String, Tensor> byLegacyName = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : f.tensors().entrySet()) {
                if (byLegacyName.put(TransformersLayout.legacyName(e.getKey()), e.getValue()) != null) {
                    throw new BadInputException(f.weightsFile(), "tensor " + e.getKey()
                            + " appears under both weight-norm spellings");
                }
            }
            Path configPath = where.path().resolve(TransformersFolder.CONFIG);
            ObjectNode config = object(InputFiles.readAllBytes(configPath, "expected a config.json file",
                    MAX_JSON_BYTES), configPath);
            Path pre = where.path().resolve(TransformersFolder.PREPROCESSOR);
            ObjectNode preprocessor = Files.exists(pre) ? object(InputFiles.readAllBytes(pre,
                    "expected a preprocessor_config.json file", MAX_JSON_BYTES), pre) : null;
            String kind = where.kind() == ModelLocations.Kind.HUB_CACHE ? "hub_cache" : "folder";
            String description = (where.kind() == ModelLocations.Kind.HUB_CACHE ? "hub cache snapshot " + where.label()
                    : "model folder " + where.label()) + " (" + f.weightsFile().getFileName() + ")";
            DiffReport.Side side = new DiffReport.Side(given, where.label(), kind, description,
                    TransformersLayout.weightNormSpelling(f.tensors().keySet()));
            // A pytorch_model.bin has no metadata to compare: null, not empty, so that it is not called equal.
            Map<String, String> metadata = f.weightsFile().getFileName().toString().equals(TransformersFolder.WEIGHTS)
                    ? f.metadata() : null;
            return new ModelView(side, Collections.unmodifiableMap(byLegacyName), config, f.config(), preprocessor,
                    metadata, where.path(), f.weightsFile(), f);
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
    }

    private static ObjectNode object(byte[] bytes, Path file) {
        JsonNode n = Json.parse(bytes, file, "not valid JSON: ");
        if (!(n instanceof ObjectNode o)) {
            throw new BadInputException(file, "is not a JSON object");
        }
        return o;
    }

    DiffReport.Side side() {
        return side;
    }

    /** Tensors by legacy weight-norm name, in the file's order (the target layout's, for a checkpoint). */
    Map<String, Tensor> tensors() {
        return tensors;
    }

    /** config.json as written (for a checkpoint: as its conversion writes it). */
    ObjectNode config() {
        return config;
    }

    /** config.json as transformers reads it: every field, defaults filled in. */
    EncodecConfig effectiveConfig() {
        return effective;
    }

    /** preprocessor_config.json, or null when a folder has none. */
    ObjectNode preprocessor() {
        return preprocessor;
    }

    /** The safetensors metadata, or null when there is none to compare (a checkpoint, a .bin folder). */
    Map<String, String> metadata() {
        return metadata;
    }

    /** The folder, or null for a checkpoint. */
    Path folder() {
        return folder;
    }

    /** The file the weights are read from. */
    Path weightsFile() {
        return weightsFile;
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
