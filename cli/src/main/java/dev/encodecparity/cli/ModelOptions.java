package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.engine.ComputeDevice;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.model.ModelSource;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which model to run and where: shared by encode, decode, bench. */
final class ModelOptions {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--checkpoint", paramLabel = "FILE", required = true,
                description = "An original checkpoint (original names; settings from --config, xp.cfg or --model); a"
                        + " published file's bare name is also looked for in torch.hub's cache.")
        Path checkpoint;

        @Option(names = "--model-dir", paramLabel = "DIR", required = true,
                description = "A transformers model folder (model.safetensors + config.json), or a Hugging Face repo"
                        + " id (facebook/encodec_24khz) in the local hub cache.")
        Path modelDir;
    }

    @Option(names = "--revision", paramLabel = "REV",
            description = "With a repo id as --model-dir: a branch, tag or commit in the hub cache. Default: main.")
    String revision;

    private String label;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "With --checkpoint: encodec_24khz, encodec_32khz, encodec_48khz or auto (default).")
    String model;

    @Option(names = "--config", paramLabel = "config.json",
            description = "With --checkpoint: a transformers config.json describing a custom model.")
    Path config;

    @Mixin
    EngineOptions engine;

    @Mixin
    HashCheckOption hashCheck;

    /** Refuses a bad {@code --threads} (before any other work, in commands that read inputs first). */
    void checkThreads() {
        engine.checkThreads();
    }

    /** Sets threads and resolves the device (a warning to {@code err}); call before loading any model. */
    ComputeDevice computeDevice(java.io.PrintWriter err) {
        return engine.computeDevice(err);
    }

    /**
     * The paths as the user meant them, found once: a repo id through the hub cache, a published checkpoint's bare
     * name through torch.hub's cache (ModelLocations).
     */
    private void resolve() {
        if (label != null) {
            return;
        }
        if (source.modelDir != null) {
            ModelLocations.Folder f = ModelLocations.modelFolder(source.modelDir, revision);
            source.modelDir = f.folder();
            label = f.label();
        } else {
            if (revision != null) {
                throw BadInputException.option("--revision goes with a Hugging Face repo id as --model-dir");
            }
            source.checkpoint = ModelLocations.checkpoint(source.checkpoint);
            label = source.checkpoint.getFileName().toString();
        }
    }

    ModelSource open() {
        resolve();
        hashCheck.check(source.checkpoint);
        if (source.modelDir != null) {
            if (config != null || !"auto".equals(model)) {
                throw BadInputException.option("--model and --config go with --checkpoint; a --model-dir has its own"
                        + " config.json");
            }
            return ModelSource.transformers(source.modelDir, label);
        }
        return ModelSource.original(source.checkpoint, model, config);
    }

    /** Adds the model's files (checkpoint or folder, and a config) to a run's inputs: no output may touch them. */
    dev.encodecparity.output.Outputs.Builder addInputs(dev.encodecparity.output.Outputs.Builder rules) {
        resolve();
        return rules.input("--checkpoint", source.checkpoint).input("--model-dir", source.modelDir)
                .input("--config", config);
    }

    /** The model file, for provenance. */
    Path file() {
        resolve();
        return source.modelDir != null ? source.modelDir : source.checkpoint;
    }
}
