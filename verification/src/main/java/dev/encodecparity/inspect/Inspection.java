package dev.encodecparity.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.encodecparity.checkpoint.Checkpoint;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.Hashing;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.config.EncodecConfig;
import dev.encodecparity.config.Presets;
import dev.encodecparity.convert.Converter;
import dev.encodecparity.convert.ScannedCheckpoint;
import dev.encodecparity.convert.TransformersFolder;
import dev.encodecparity.layout.TransformersLayout;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.provenance.SafetensorsKeys;
import dev.encodecparity.safetensors.SafetensorsFile;
import dev.encodecparity.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code inspect PATH}: reads what a file or folder is, converting and running nothing. A checkpoint's settings are
 * resolved as {@code convert} resolves them ({@code --model}, {@code --config}, {@code xp.cfg}, a preset recognised
 * from the tensors); settings that cannot be resolved are reported, not an error, since saying what a file is
 * matters most for the file nothing else recognises.
 */
public final class Inspection {
    private Inspection() {
    }

    /**
     * Inspects what {@code where} names.
     *
     * @param given the path or repo id as the user gave it
     * @param model with a checkpoint: a preset name or "auto"
     * @param configFile with a checkpoint: a custom model's config.json, or null
     */
    public static InspectReport run(String given, ModelLocations.Located where, String model, Path configFile) {
        InspectReport.Builder r = InspectReport.builder().tool(ToolInfo.nameAndVersion()).given(given)
                .label(where.label()).location(where.kind());
        if (where.kind() != ModelLocations.Kind.FILE) {
            return folder(where.path(), r);
        }
        if (where.path().getFileName().toString().endsWith(".safetensors")) {
            return safetensorsFile(where.path(), r);
        }
        return checkpoint(where.path(), model, configFile, r);
    }

    private static InspectReport checkpoint(Path file, String model, Path configFile, InspectReport.Builder r) {
        // One read of the file gives its CRCs and its SHA-256.
        try (ScannedCheckpoint scanned = ScannedCheckpoint.open(file)) {
            Checkpoint c = scanned.verify();
            String sha256 = scanned.sha256();
            boolean legacy = c.description().startsWith("legacy");
            r.format(c.xpConfig().isPresent() ? InspectReport.Format.AUDIOCRAFT_PACKAGE
                    : legacy ? InspectReport.Format.LEGACY_PICKLE : InspectReport.Format.TORCH_ZIP)
                    .container(c.description());
            try {
                Converter.Plan plan = Converter.plan(c, model, configFile);
                String name = plan.settings().settings().name();
                settings(r, plan.config(), Presets.NAMES.contains(name) ? name : null)
                        .settingsFrom(plan.settings().origin());
            } catch (BadInputException e) {
                if (e.file() == null || !e.file().equals(file)) {
                    throw e; // an option's or a --config file's problem: the user's to fix, as in convert
                }
                r.settingsError(e.reason());
            }
            tensors(r, c.stateDict());
            r.files(List.of(new InspectReport.FileEntry(file.getFileName().toString(), size(file), sha256)));
            return r.published(Published.ofCheckpoint(file, sha256)).build();
        }
    }

    private static InspectReport folder(Path dir, InspectReport.Builder r) {
        try (TransformersFolder f = TransformersFolder.open(dir)) {
            boolean safetensors = f.weightsFile().getFileName().toString().equals(TransformersFolder.WEIGHTS);
            r.format(safetensors ? InspectReport.Format.SAFETENSORS_FOLDER : InspectReport.Format.PYTORCH_BIN_FOLDER)
                    .container("transformers model folder (" + f.weightsFile().getFileName() + ", "
                            + TransformersFolder.CONFIG + ")");
            settings(r, f.config(), null).settingsFrom(TransformersFolder.CONFIG);
            tensors(r, f.tensors());
            r.files(folderFiles(dir));
            if (safetensors) {
                metadata(r, f.metadata());
            }
            return r.build();
        }
    }

    private static InspectReport safetensorsFile(Path file, InspectReport.Builder r) {
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            r.format(InspectReport.Format.SAFETENSORS_FILE).container("safetensors file")
                    .settingsError("a lone weights file: its settings are in the config.json of its folder; inspect"
                            + " the folder");
            tensors(r, f.tensors());
            r.files(List.of(new InspectReport.FileEntry(file.getFileName().toString(), size(file),
                    Hashing.sha256(file))));
            metadata(r, f.metadata());
            return r.build();
        }
    }

    /** The settings as config.json fields, and the variant: {@code preset} when given, else the matching preset. */
    private static InspectReport.Builder settings(InspectReport.Builder r, EncodecConfig config, String preset) {
        ObjectNode fields = Json.MAPPER.valueToTree(config);
        r.settings(fields);
        if (preset != null) {
            return r.variant(preset);
        }
        Variants.Match m = Variants.of(config.toSpec());
        return r.variant(m.variant()).variantNote(m.note());
    }

    private static void tensors(InspectReport.Builder r, Map<String, Tensor> tensors) {
        Map<String, Integer> dtypes = new TreeMap<>();
        long parameters = 0;
        for (Tensor t : tensors.values()) {
            dtypes.merge(t.dtype().torchName(), 1, Integer::sum);
            parameters += t.numel();
        }
        r.tensors(tensors.size()).dtypes(dtypes).parameters(parameters)
                .weightNormSpelling(TransformersLayout.weightNormSpelling(tensors.keySet()));
    }

    /** The metadata, and this tool's provenance in it; a source named as published is said so. */
    private static void metadata(InspectReport.Builder r, Map<String, String> metadata) {
        r.metadata(new TreeMap<>(metadata));
        if (metadata.containsKey(SafetensorsKeys.TOOL)) {
            OutputProvenance p = OutputProvenance.fromSafetensorsMetadata(metadata);
            r.provenance(p).published(Published.ofProvenance(p));
        }
    }

    /** Each regular file of a folder (a hub snapshot's links followed to their blobs), by name. */
    private static List<InspectReport.FileEntry> folderFiles(Path dir) {
        List<InspectReport.FileEntry> out = new ArrayList<>();
        try (Stream<Path> s = InputFiles.list(dir)) {
            for (Path p : s.sorted().toList()) {
                if (Files.isRegularFile(p)) {
                    out.add(new InspectReport.FileEntry(p.getFileName().toString(), size(p), Hashing.sha256(p)));
                }
            }
        }
        return out;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw InputFiles.cannotRead(file, e);
        }
    }
}
