package dev.encodecparity.convert;

import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.checkpoint.TorchZipWriter;
import dev.encodecparity.common.FileScan;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.Required;
import dev.encodecparity.config.ConfigTranslation;
import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.config.SettingsResolver;
import dev.encodecparity.layout.TransformersLayout;
import dev.encodecparity.mapping.WeightMapping;
import dev.encodecparity.output.Destination;
import dev.encodecparity.output.Outputs;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.safetensors.SafetensorsWriter;
import dev.encodecparity.spec.Family;
import dev.encodecparity.tensor.DType;
import dev.encodecparity.tensor.NonFinite;
import dev.encodecparity.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The two conversions. Each checks everything first (file integrity, settings, every tensor's name and shape) and only
 * then writes, through {@link Destination}: a rejected input leaves nothing behind.
 */
public final class Converter {
    private Converter() {
    }

    /** What a conversion did, for the command line's summary. */
    public record Result(Path output, String variant, String settingsFrom, String sourceFormat, String sourceSha256,
            int tensors, long bytes, EncodecConfig config, List<NonFinite.Found> nonFinite) {
        /** Named construction: every field set by name; see {@link Builder#build}. */
        public static Builder builder() {
            return new Builder();
        }

        /**
         * Named construction of {@link Result}. A number or flag left unset is refused by {@link #build} (it would
         * otherwise be a silent 0 or false); an object left unset is null.
         */
        public static final class Builder {
            private Path output;
            private String variant;
            private String settingsFrom;
            private String sourceFormat;
            private String sourceSha256;
            private Integer tensors;
            private Long bytes;
            private EncodecConfig config;
            private List<NonFinite.Found> nonFinite;

            private Builder() {
            }

            public Builder output(Path value) { output = value; return this; }
            public Builder variant(String value) { variant = value; return this; }
            public Builder settingsFrom(String value) { settingsFrom = value; return this; }
            public Builder sourceFormat(String value) { sourceFormat = value; return this; }
            public Builder sourceSha256(String value) { sourceSha256 = value; return this; }
            public Builder tensors(int value) { tensors = value; return this; }
            public Builder bytes(long value) { bytes = value; return this; }
            public Builder config(EncodecConfig value) { config = value; return this; }
            public Builder nonFinite(List<NonFinite.Found> value) { nonFinite = value; return this; }

            /** The record; a number or flag that was not set is a programming error, refused here. */
            public Result build() {
                return new Result(output, variant, settingsFrom, sourceFormat, sourceSha256,
                        need(tensors, "Result.tensors"), need(bytes, "Result.bytes"), config, nonFinite);
            }
        }
    }

    /**
     * Original checkpoint to a transformers folder ({@code model.safetensors}, {@code config.json},
     * {@code preprocessor_config.json}), refusing non-finite weights.
     *
     * @param model preset name, "auto" or null
     * @param configFile transformers config.json of a custom model, or null
     */
    public static Result toTransformers(Path checkpoint, String model, Path configFile, Path outDir, boolean force) {
        return toTransformers(checkpoint, model, configFile, outDir, force, false);
    }

    /** As above; {@code allowNonFinite} converts weights holding NaN or infinities (recorded in the provenance). */
    public static Result toTransformers(Path checkpoint, String model, Path configFile, Path outDir, boolean force,
            boolean allowNonFinite) {
        return toTransformers(checkpoint, model, configFile, outDir, force, Options.of(allowNonFinite));
    }

    /**
     * How a conversion writes its output.
     *
     * @param allowNonFinite convert weights holding NaN or infinities (recorded in the provenance)
     * @param parametrizedWeightNorm spell weight norm as transformers 5 saves it
     *     ({@code parametrizations.weight.original0/1}) instead of the hub files' {@code weight_g}/{@code weight_v}
     */
    public record Options(boolean allowNonFinite, boolean parametrizedWeightNorm) {
        public static Options of(boolean allowNonFinite) {
            return new Options(allowNonFinite, false);
        }

        /** A tensor's name as this conversion writes it (the mapping gives the legacy spelling). */
        String spell(String legacyName) {
            return parametrizedWeightNorm ? TransformersLayout.parametrizedName(legacyName) : legacyName;
        }
    }

    /** As above, with every option of a conversion. */
    public static Result toTransformers(Path checkpoint, String model, Path configFile, Path outDir, boolean force,
            Options options) {
        Outputs rules = Outputs.builder().force(force).input("--checkpoint", checkpoint).input("--config", configFile)
                .build();
        try (ScannedCheckpoint source = ScannedCheckpoint.open(checkpoint)) {
            return toTransformers(source, model, configFile, rules.destination("--out", outDir, ConvertedFolder.KIND),
                    options);
        }
    }

    /** As above, into a destination the caller has already checked against its run's rules. */
    public static Result toTransformers(Path checkpoint, String model, Path configFile, Destination outDir) {
        return toTransformers(checkpoint, model, configFile, outDir, false);
    }

    /** As above, into a checked destination; {@code allowNonFinite} as in the overload with a path. */
    public static Result toTransformers(Path checkpoint, String model, Path configFile, Destination outDir,
            boolean allowNonFinite) {
        try (ScannedCheckpoint source = ScannedCheckpoint.open(checkpoint)) {
            return toTransformers(source, model, configFile, outDir, Options.of(allowNonFinite));
        }
    }

    /**
     * From a checkpoint the caller has opened and keeps open (verify converts it, then loads it as the original
     * model): its one scan gives the CRCs checked before publishing and the SHA-256 the provenance and the result name.
     * The output's rules are those of the overload with a path.
     */
    public static Result toTransformers(ScannedCheckpoint source, String model, Path configFile, Path outDir,
            boolean allowNonFinite) {
        Outputs rules = Outputs.builder().force(false).input("--checkpoint", source.file())
                .input("--config", configFile).build();
        return toTransformers(source, model, configFile, rules.destination("--out", outDir, ConvertedFolder.KIND),
                Options.of(allowNonFinite));
    }

    private static Result toTransformers(ScannedCheckpoint source, String model, Path configFile, Destination outDir,
            Options options) {
        boolean allowNonFinite = options.allowNonFinite();
        // The scan (one read of the whole file, on a second thread) runs while the tensors are checked and copied;
        // nothing is published until it is done and the CRCs match.
        Checkpoint ckpt = source.checkpoint();
        Path checkpoint = source.file();
        Plan planned = plan(ckpt, model, configFile);
        SettingsResolver.Resolved settings = planned.settings();
        EncodecConfig config = planned.config();
        List<WeightMapping.Assignment> plan = planned.tensors();
        List<NonFinite.Found> nonFinite = NonFiniteWeights.scan(checkpoint, plan);
        if (!nonFinite.isEmpty() && !allowNonFinite) {
            source.verify(); // damaged bytes are reported as damage, not as NaN
            NonFiniteWeights.refuseUnlessAllowed(checkpoint, nonFinite, false);
        }
        List<SafetensorsWriter.Named> named = new ArrayList<>();
        long bytes = 0;
        for (WeightMapping.Assignment a : plan) {
            named.add(new SafetensorsWriter.Named(options.spell(a.target()), a.tensor()));
            bytes += a.tensor().byteSize();
        }
        String variant = settings.settings().name();
        String nonFiniteNote = nonFinite.isEmpty() ? null : NonFiniteWeights.provenance(nonFinite);
        OutputProvenance.Source described = new OutputProvenance.Source(null, checkpoint.getFileName().toString(),
                "0".repeat(64), ckpt.description(), Family.fromKeyOrder(ckpt.stateDict().keySet()).configName(),
                variant, settings.origin()); // the SHA-256 is known once the scan ends: a placeholder of its length
        Map<String, String> template = Provenance.of(described, nonFiniteNote, Provenance.publishedTemplate(checkpoint))
                .toSafetensorsMetadata();
        outDir.publish(staging -> {
            Files.createDirectory(staging);
            SafetensorsWriter.write(staging.resolve(TransformersFolder.WEIGHTS), named, template, () -> {
                source.verify();
                return Provenance.of(described.withSha256(source.sha256()), nonFiniteNote,
                        Provenance.published(checkpoint, source.sha256())).toSafetensorsMetadata();
            });
            // Byte for byte what transformers' save_pretrained writes, so a diff against a hub file shows only
            // real differences.
            Files.write(staging.resolve(TransformersFolder.CONFIG), planned.configFile());
            Files.write(staging.resolve(TransformersFolder.PREPROCESSOR), planned.preprocessorFile());
        });
        return Result.builder()
                .output(outDir.given())
                .variant(variant)
                .settingsFrom(settings.origin())
                .sourceFormat(ckpt.description())
                .sourceSha256(source.sha256())
                .tensors(plan.size())
                .bytes(bytes)
                .config(config)
                .nonFinite(nonFinite)
                .build();
    }

    /**
     * What a conversion of {@code ckpt} is, with nothing written: its settings and where they came from, the config,
     * every transformers name paired with the checkpoint's tensor (strict accounting, as {@link #toTransformers}),
     * and the dtype config.json names. {@code diff} compares a checkpoint through it, so a checkpoint and a folder
     * are compared in the names and files the conversion would write, never through a mapping of its own.
     *
     * @param settings the resolved settings and their origin
     * @param config the config.json the conversion writes, as a record
     * @param tensors transformers (legacy weight-norm) name to the checkpoint's tensor, in the target layout's order
     * @param dtype the dtype config.json names: the one holding the most bytes among floating-point tensors
     */
    public record Plan(SettingsResolver.Resolved settings, EncodecConfig config,
            List<WeightMapping.Assignment> tensors, DType dtype) {
        /** config.json's bytes, as the conversion writes them. */
        public byte[] configFile() {
            return ConfigTranslation.configFile(config, dtype.torchName());
        }

        /** preprocessor_config.json's bytes, as the conversion writes them. */
        public byte[] preprocessorFile() {
            return ConfigTranslation.preprocessorFile(config);
        }
    }

    /**
     * Converts in memory: resolves the settings as {@code convert} does ({@code model}: a preset name, "auto" or
     * null; {@code configFile}: a custom model's config.json or null) and maps every tensor, refusing what
     * {@code convert} refuses. The tensors are views into {@code ckpt}, valid while it is open.
     */
    public static Plan plan(Checkpoint ckpt, String model, Path configFile) {
        SettingsResolver.Resolved settings = SettingsResolver.resolve(ckpt, model, configFile);
        EncodecConfig config = ConfigTranslation.toTransformers(settings.settings(), ckpt.file());
        List<WeightMapping.Assignment> plan = WeightMapping.toTransformers(ckpt.stateDict(),
                config.architecture(), ckpt.file(), "does not fit " + settings.settings().name());
        return new Plan(settings, config, plan, dominantDType(plan));
    }

    /**
     * A transformers folder back to an original state dict ({@code torch.save} zip format), in the state-dict order of
     * the code that wrote the source (recorded by {@link #toTransformers}; facebookresearch/encodec's otherwise).
     */
    public static Result toOriginal(Path modelDir, Path outFile, boolean force) {
        return toOriginal(modelDir, outFile, force, false);
    }

    /** The way back; {@code allowNonFinite} as in {@link #toTransformers} (the original format has no provenance). */
    public static Result toOriginal(Path modelDir, Path outFile, boolean force, boolean allowNonFinite) {
        Destination out = Outputs.builder().force(force).input("--model-dir", modelDir).build()
                .destination("--out", outFile, OriginalCheckpointFile.KIND);
        try (TransformersFolder folder = TransformersFolder.open(modelDir)) {
            // The hash of the bytes that are read, taken as they are read: the provenance names the source as it was.
            CompletableFuture<FileScan.Result> scan = Hashing.scanAsync(folder.weightsFile(), List.of());
            OutputProvenance.Source recorded = Provenance.sourceOf(folder.metadata());
            String familyName = recorded.family() != null ? recorded.family() : Family.ENCODEC.configName();
            Family family = Family.fromConfig(familyName);
            List<WeightMapping.Assignment> plan = WeightMapping.toOriginal(folder.tensors(),
                    folder.config().architecture(), family, folder.weightsFile(), "does not fit its config.json");
            List<NonFinite.Found> nonFinite = NonFiniteWeights.scan(folder.weightsFile(), plan);
            NonFiniteWeights.refuseUnlessAllowed(folder.weightsFile(), nonFinite, allowNonFinite);
            Map<String, Tensor> stateDict = new LinkedHashMap<>();
            long bytes = 0;
            for (WeightMapping.Assignment a : plan) {
                stateDict.put(a.target(), a.tensor());
                bytes += a.tensor().byteSize();
            }
            String name = outFile.getFileName().toString();
            String root = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String sha256 = Hashing.await(scan).sha256();
            out.publish(staging -> TorchZipWriter.write(staging, root.isEmpty() ? "archive" : root, stateDict,
                    OriginalCheckpointFile.MARK + " " + dev.encodecparity.common.ToolInfo.VERSION));
            return Result.builder()
                    .output(outFile)
                    .variant(recorded.variant() != null ? recorded.variant() : "unknown")
                    .settingsFrom("config.json")
                    .sourceFormat("transformers folder")
                    .sourceSha256(sha256)
                    .tensors(plan.size())
                    .bytes(bytes)
                    .config(folder.config())
                    .nonFinite(nonFinite)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new dev.encodecparity.common.BadInputException(modelDir, e.getMessage());
        }
    }

    /** The dtype holding the most bytes among floating-point tensors: what config.json's dtype says. */
    private static DType dominantDType(List<WeightMapping.Assignment> plan) {
        Map<DType, Long> bytes = new EnumMap<>(DType.class);
        for (WeightMapping.Assignment a : plan) {
            if (a.tensor().dtype().isFloatingPoint()) {
                bytes.merge(a.tensor().dtype(), a.tensor().byteSize(), Long::sum);
            }
        }
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(DType.FLOAT32);
    }

    /** A builder's check: a number or flag it was not given would otherwise be a silent 0 or false. */
    private static <T> T need(T value, String field) {
        return Required.set(value, null, field);
    }
}
