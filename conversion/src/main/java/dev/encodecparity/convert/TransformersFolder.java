package dev.encodecparity.convert;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A transformers model folder, open for reading: {@code config.json} and the weights from {@code model.safetensors}
 * (or, for older folders, {@code pytorch_model.bin}, read with the same restricted unpickler as original checkpoints).
 * Owns the open weights file.
 */
public final class TransformersFolder implements AutoCloseable {
    public static final String WEIGHTS = "model.safetensors";
    public static final String CONFIG = "config.json";
    public static final String PREPROCESSOR = "preprocessor_config.json";
    private static final String BIN = "pytorch_model.bin";

    private final Path dir;
    private final EncodecConfig config;
    private final Path weightsFile;
    private final Map<String, Tensor> tensors;
    private final Map<String, String> metadata;
    private final AutoCloseable owner;

    private TransformersFolder(Path dir, EncodecConfig config, Path weightsFile, Map<String, Tensor> tensors,
            Map<String, String> metadata, AutoCloseable owner) {
        this.dir = dir;
        this.config = config;
        this.weightsFile = weightsFile;
        this.tensors = tensors;
        this.metadata = metadata;
        this.owner = owner;
    }

    public static TransformersFolder open(Path dir) {
        InputFiles.checkFolder(dir, "an original checkpoint is read with --checkpoint");
        if (Files.exists(dir.resolve("model.safetensors.index.json"))) {
            throw new BadInputException(dir, "sharded weights (model.safetensors.index.json) are not supported");
        }
        EncodecConfig config = EncodecConfig.read(dir.resolve(CONFIG));
        Path st = dir.resolve(WEIGHTS);
        if (Files.exists(st)) {
            SafetensorsFile f = SafetensorsFile.open(st);
            return new TransformersFolder(dir, config, st, f.tensors(), f.metadata(), f);
        }
        Path bin = dir.resolve(BIN);
        if (Files.exists(bin)) {
            Checkpoint c = Checkpoint.open(bin);
            return new TransformersFolder(dir, config, bin, c.stateDict(), Map.of(), c);
        }
        throw new BadInputException(dir, "has neither " + WEIGHTS + " nor " + BIN);
    }

    public Path dir() {
        return dir;
    }

    public EncodecConfig config() {
        return config;
    }

    /** The weights file that was read. */
    public Path weightsFile() {
        return weightsFile;
    }

    /** Tensors under their names in the file (legacy or parametrization spelling of weight norm). */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The safetensors {@code __metadata__} (provenance written by this tool, for one), empty for .bin folders. */
    public Map<String, String> metadata() {
        return metadata;
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
