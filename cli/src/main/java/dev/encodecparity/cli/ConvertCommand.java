package dev.encodecparity.cli;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.convert.NonFiniteWeights;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convert}: original checkpoint to a transformers folder, or {@code --to original} the way back. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts an original EnCodec checkpoint into a transformers model folder, or with --to original"
                + " a transformers folder back into an original state dict.",
                "Every source tensor must be used exactly once and every expected tensor filled with the right shape;"
                + " otherwise nothing is written and all problems are listed (exit 2)."},
        footer = {"", "Examples:",
                "  encodec-parity convert --checkpoint encodec_24khz-d7cc33bc.th --out encodec_24khz-hf",
                "  encodec-parity convert --checkpoint compression_state_dict.bin --model encodec_32khz --out "
                        + "musicgen-codec",
                "  encodec-parity convert --to original --model-dir encodec_24khz-hf --out roundtrip.th"})
final class ConvertCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    HashCheckOption hashCheck;

    @Option(names = "--revision", paramLabel = "REV",
            description = "With a repo id as --model-dir: a branch, tag or commit in the hub cache. Default: main.")
    String revision;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Original checkpoint: torch.save zip or legacy file, best_state wrapper or audiocraft "
                    + "package.")
    Path checkpoint;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "encodec_24khz, encodec_32khz, encodec_48khz or auto (recognise the preset from the tensors;"
                    + " an audiocraft package's xp.cfg always wins). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--config", paramLabel = "config.json",
            description = "A transformers config.json describing a custom model (instead of a preset).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR|FILE",
            description = "Output folder (or, with --to original, output file). Must not exist or be empty, "
                    + "unless --force.")
    Path out;

    @Option(names = "--force", description = "Replace an existing output.")
    boolean force;

    @Option(names = "--to", paramLabel = "FORMAT", defaultValue = "transformers",
            description = "transformers (default) or original.")
    String to;

    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "With --to original: the transformers folder to read.")
    Path modelDir;

    @Option(names = "--allow-non-finite", description = "Convert even when weights hold NaN or infinite values (refused"
            + " by default): they are listed as a warning and recorded in the provenance.")
    boolean allowNonFinite;

    @Option(names = "--weight-norm", paramLabel = "SPELLING", defaultValue = "legacy",
            description = "How model.safetensors names weight norm: legacy (weight_g, weight_v: what the hub files"
                    + " use) or parametrized (parametrizations.weight.original0/1: what transformers 5 saves). Both"
                    + " load in transformers. Default: ${DEFAULT-VALUE}.")
    String weightNorm;

    @Option(names = "--verify", description = "Verify the conversion against its source before publishing it (on the"
            + " bundled clips, or --audio); nothing is published when it does not pass (exit 1).")
    boolean verify;

    @Option(names = "--audio", arity = "1..*", paramLabel = "FILE", description = "With --verify: the clips, folders"
            + " or globs to verify on. Default: the bundled clips at the model's rate.")
    java.util.List<Path> audio = java.util.List.of();

    @Option(names = "--no-model-card", description = "With --verify: do not write README.md (the model card).")
    boolean noModelCard;

    @CommandLine.Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkpoint = checkpoint == null ? null : ModelLocations.checkpoint(checkpoint);
        if (modelDir != null) {
            modelDir = ModelLocations.modelFolder(modelDir, revision).folder();
        }
        Converter.Result r;
        switch (to) {
            case "transformers" -> {
                if (checkpoint == null || modelDir != null) {
                    throw BadInputException.option("convert needs --checkpoint FILE (and no --model-dir)");
                }
                hashCheck.check(checkpoint);
                if (!weightNorm.equals("legacy") && !weightNorm.equals("parametrized")) {
                    throw BadInputException.option("--weight-norm must be legacy or parametrized, not '" + weightNorm
                            + "'");
                }
                var options = new Converter.Options(allowNonFinite, weightNorm.equals("parametrized"));
                if (verify) {
                    var destination = dev.encodecparity.output.Outputs.builder().force(force)
                            .input("--checkpoint", checkpoint).input("--config", config).inputs("--audio", audio)
                            .build().destination("--out", out(), dev.encodecparity.convert.ConvertedFolder.KIND);
                    return VerifiedConversion.run(checkpoint, model, config, destination, options, audio, engine,
                            !noModelCard, out, spec.commandLine().getErr());
                }
                r = Converter.toTransformers(checkpoint, model, config, out(), force, options);
                out.printf("converted %s (%s)%n", checkpoint, r.sourceFormat());
            }
            case "original" -> {
                if (modelDir == null || checkpoint != null || config != null) {
                    throw BadInputException.option("convert --to original needs --model-dir DIR (and no --checkpoint or"
                            + " --config)");
                }
                r = Converter.toOriginal(modelDir, out(), force, allowNonFinite);
                out.printf("converted %s back to an original state dict%n", modelDir);
            }
            default -> throw BadInputException.option("--to must be transformers or original, not '" + to + "'");
        }
        if (!r.nonFinite().isEmpty()) {
            NonFiniteWeights.warning(r.nonFinite()).forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
        }
        out.printf("  model:    %s (settings from %s)%n", r.variant(), r.settingsFrom());
        out.printf("  tensors:  %d (%.1f MB), every one mapped, none unused, every shape checked%n", r.tensors(),
                r.bytes() / 1e6);
        out.printf("  sha256:   %s (source)%n", r.sourceSha256());
        out.printf("  wrote:    %s%n", r.output());
        out.flush();
        return ExitCode.OK;
    }

    private Path out() {
        return out;
    }
}
