package dev.encodecparity.golden;

import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.provenance.OutputProvenance;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a golden folder: what was recorded, with what, and how to check it.
 *
 * @param format "encodec-parity goldens 1"
 * @param model where the model came from, and the SHA-256 of its files
 * @param engine device, libtorch, DJL and threads of the recording
 * @param tolerances the defaults {@code golden check} uses
 * @param traces a layer trace of each clip, for {@code golden check --trace} (absent in goldens of earlier versions)
 */
public record GoldenManifest(String format, String tool, String date, OutputProvenance.Engine engine, Model model,
        Tolerances tolerances, List<Entry> entries,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        List<Trace> traces) {
    public static final String FORMAT = "encodec-parity goldens 1";
    public static final String FILE = "manifest.json";

    /** The model: a description and the SHA-256 of each of its files. */
    public record Model(String source, Map<String, String> files) {
    }

    /**
     * How close a check must come.
     *
     * @param atol largest absolute difference of audio decoded from the golden codes
     * @param rtol plus this times the golden sample's magnitude
     * @param tieMargin a differing code is a near tie when the two entries' distances differ by at most this, relative
     *     to the size of the distance terms (float32 rounding is always a near tie)
     */
    public record Tolerances(double atol, double rtol, double tieMargin, String note) {
    }

    /**
     * One recorded clip at one bandwidth; paths are relative to the golden folder.
     */
    public record Entry(String clip, String clipSha256, double bandwidth, int codebooks, String codes, String audio) {
    }

    /**
     * One clip's layer trace; paths are relative to the golden folder.
     *
     * @param clip the clip, as its entries name it
     * @param codebooks the clip's most codebooks: it was encoded with them
     * @param codes the golden codes its decoder was traced on
     * @param file the trace (an {@code .npz}, see {@code GoldenTrace})
     * @param perModule values kept of each module's output
     */
    public record Trace(String clip, int codebooks, String codes, String file, int perModule) {
    }

    /**
     * A manifest of this format from a recording's provenance: its tool, date and engine, and the model as its source
     * (the description) and its inputs (the model's files with their SHA-256).
     */
    public static GoldenManifest of(OutputProvenance p, Tolerances tolerances, List<Entry> entries) {
        return of(p, tolerances, entries, null);
    }

    /** The same, with the clips' layer traces. */
    public static GoldenManifest of(OutputProvenance p, Tolerances tolerances, List<Entry> entries,
            List<Trace> traces) {
        return new GoldenManifest(FORMAT, p.tool(), p.date(), p.engine(), new Model(p.source().description(),
                p.inputs()), tolerances, entries, traces);
    }

    /** The layer trace of {@code clip} (as its entries name it), or null when the goldens hold none. */
    public Trace traceOf(String clip) {
        return traces == null ? null : traces.stream().filter(t -> t.clip().equals(clip)).findFirst().orElse(null);
    }

    /** The recording's provenance, read back from the manifest ({@link #of} the other way). */
    public OutputProvenance provenance() {
        return new OutputProvenance(tool, date, OutputProvenance.Source.of(model.source(), null, null), engine,
                model.files(), Map.of());
    }

    /** A manifest lists a few hundred entries; anything near this is not one. */
    private static final int MAX_BYTES = 64 << 20;

    /** The {@code kind} of a manifest document. */
    public static final String KIND = "golden_manifest";

    public static GoldenManifest read(Path dir) {
        InputFiles.checkFolder(dir, "--goldens names the folder that golden record wrote");
        Path file = dir.resolve(FILE);
        if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException(dir, "not a golden folder: no " + FILE);
        }
        String invalid = "not a valid golden manifest: ";
        GoldenManifest m = Json.bind(JsonDocument.body(Json.parse(InputFiles.readAllBytes(file, null, MAX_BYTES), file,
                invalid), KIND, file), GoldenManifest.class, file, invalid);
        if (!FORMAT.equals(m.format()) || m.entries() == null || m.tolerances() == null || m.model() == null) {
            throw new BadInputException(file, "not a golden manifest of format '" + FORMAT + "'");
        }
        for (Entry e : m.entries()) {
            for (String p : new String[] {e.clip(), e.codes(), e.audio()}) {
                inside(dir, p, file);
            }
        }
        for (Trace t : m.traces() == null ? List.<Trace>of() : m.traces()) {
            for (String p : new String[] {t.clip(), t.codes(), t.file()}) {
                inside(dir, p, file);
            }
        }
        return m;
    }

    /** A manifest names files inside its own folder; anything else (absolute, "..") is refused, not followed. */
    private static void inside(Path dir, String name, Path file) {
        if (name == null || name.isEmpty()) {
            throw new BadInputException(file, "an entry is missing a file name");
        }
        Path p;
        try {
            p = Path.of(name);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException(file, "entry file name '" + name + "' is not a valid path");
        }
        Path base = dir.toAbsolutePath().normalize();
        if (p.isAbsolute() || !base.resolve(p).normalize().startsWith(base)) {
            throw new BadInputException(file, "entry file '" + name + "' is outside the golden folder");
        }
    }
}
