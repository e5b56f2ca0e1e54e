package dev.encodecparity.cli;

import dev.encodecparity.common.Json;
import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.inspect.InspectReport;
import dev.encodecparity.inspect.Inspection;
import dev.encodecparity.model.ModelLocations;
import dev.encodecparity.provenance.OutputProvenance;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code inspect PATH}: what a checkpoint, model folder or hub repo is, read without converting anything. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Says what a file or folder is: its format (torch zip, legacy pickle, audiocraft package,"
                + " safetensors folder, a repo id in the hub cache), its variant (a preset or custom), its settings"
                + " and where they come from, its tensors (count per dtype, parameters), the SHA-256 of each file,"
                + " the provenance when this tool converted it, and whether it is a published checkpoint.",
                "A checkpoint whose settings cannot be resolved is still inspected, saying why. Exit 0, or 2 for"
                + " bad input."},
        footer = {"", "Examples:",
                "  encodec-parity inspect encodec_24khz-d7cc33bc.th",
                "  encodec-parity inspect facebook/encodec_24khz --json"})
final class InspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PATH", description = "An original checkpoint, a model folder, a"
            + " model.safetensors file, or a Hugging Face repo id in the local hub cache.")
    Path path;

    @Option(names = "--revision", paramLabel = "REV",
            description = "With a repo id: a branch, tag or commit in the hub cache. Default: main.")
    String revision;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "For a checkpoint: encodec_24khz, encodec_32khz, encodec_48khz or auto. Default:"
                    + " ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--config", paramLabel = "config.json",
            description = "For a checkpoint: a transformers config.json describing a custom model.")
    Path config;

    @Option(names = "--json", description = "Print one JSON document (kind \"inspect\") instead of lines.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ModelLocations.Located where = ModelLocations.locate(path, revision);
        InspectReport r = Inspection.run(path.toString(), where, model, config);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(JsonDocument.of(InspectReport.KIND, r)));
        } else {
            print(r, where, out);
        }
        out.flush();
        return ExitCode.OK;
    }

    static void print(InspectReport r, ModelLocations.Located where, PrintWriter out) {
        out.println(r.label() + ": " + words(r.format()) + (r.location() == ModelLocations.Kind.HUB_CACHE
                ? " in the Hugging Face cache" : ""));
        line(out, "path", where.path().toString());
        line(out, "container", r.container());
        line(out, "variant", r.variant() == null ? "unknown" : r.variant()
                + (r.variantNote() == null ? "" : " (" + r.variantNote() + ")"));
        if (r.settings() == null) {
            line(out, "settings", "unknown: " + r.settingsError());
        } else {
            line(out, "settings", "from " + r.settingsFrom());
            r.settings().properties().forEach(e -> out.printf("      %s: %s%n", e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
        }
        StringBuilder dtypes = new StringBuilder();
        r.dtypes().forEach((k, v) -> dtypes.append(dtypes.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        line(out, "tensors", r.tensors() + " (" + dtypes + ")");
        line(out, "parameters", String.format(Locale.ROOT, "%,d", r.parameters()));
        line(out, "weight norm", r.weightNormSpelling());
        for (InspectReport.FileEntry f : r.files()) {
            line(out, "sha256", f.sha256() + "  " + f.name() + String.format(Locale.ROOT, " (%,d bytes)", f.bytes()));
        }
        OutputProvenance p = r.provenance();
        if (p != null) {
            line(out, "provenance", p.tool() + " converted " + p.source().file() + " (sha256 " + p.source().sha256()
                    + ", " + p.source().format() + "), variant " + p.source().variant() + ", settings from "
                    + p.source().settingsFrom());
            p.notes().forEach((k, v) -> out.printf("      %s: %s%n", k, v));
        } else if (r.metadata() != null) {
            line(out, "provenance", "none: not converted by this tool (metadata " + keys(r.metadata()) + ")");
        }
        line(out, "published", r.published() != null ? r.published().summary()
                : r.location() == ModelLocations.Kind.FILE ? "not a published checkpoint"
                : "no published source recorded (a folder is known by this tool's provenance)");
        out.flush();
    }

    private static void line(PrintWriter out, String name, String value) {
        out.printf("  %-12s %s%n", name + ":", value);
    }

    private static String words(InspectReport.Format f) {
        return switch (f) {
            case TORCH_ZIP -> "torch zip checkpoint";
            case LEGACY_PICKLE -> "legacy torch checkpoint (pre-1.6 pickle)";
            case AUDIOCRAFT_PACKAGE -> "audiocraft package (best_state + xp.cfg)";
            case SAFETENSORS_FOLDER -> "transformers model folder (safetensors)";
            case PYTORCH_BIN_FOLDER -> "transformers model folder (pytorch_model.bin)";
            case SAFETENSORS_FILE -> "safetensors file";
        };
    }

    private static String keys(Map<String, String> metadata) {
        return metadata.isEmpty() ? "empty" : "keys " + String.join(", ", metadata.keySet());
    }
}
