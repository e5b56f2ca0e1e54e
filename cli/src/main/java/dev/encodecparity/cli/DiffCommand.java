package dev.encodecparity.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.diff.DiffReport;
import dev.encodecparity.diff.ModelDiff;
import dev.encodecparity.model.ModelLocations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code diff A B}: whether two models are the same, tensor by tensor and field by field. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares two models: each a converted model folder, a Hugging Face repo id in the local hub"
                + " cache, or an original checkpoint (converted in memory, nothing written). Every tensor by name"
                + " (dtype, shape, bit for bit, else the largest absolute and relative difference), every field of"
                + " config.json and preprocessor_config.json, the safetensors metadata, and for two folders whether"
                + " their files are byte for byte the same.",
                "Exit 0 when tensors and configs are identical (metadata and bytes are reported, and decide nothing),"
                + " 1 when they differ, 2 bad input."},
        footer = {"", "Examples:",
                "  encodec-parity diff encodec_24khz-hf facebook/encodec_24khz",
                "  encodec-parity diff encodec_24khz-d7cc33bc.th facebook/encodec_24khz --report diff.json"})
final class DiffCommand implements Callable<Integer> {
    /** A short table: the report has every row. */
    private static final int MAX_ROWS = 40;
    /** A value longer than this is cut in the table (a provenance string, a long list). */
    private static final int MAX_CELL = 60;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "A model folder, a repo id in the hub cache, or an"
            + " original checkpoint (.th, .bin).")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The model to compare it with, of any of those kinds.")
    Path b;

    @Option(names = "--revision-a", paramLabel = "REV",
            description = "With a repo id as A: a branch, tag or commit in the hub cache. Default: main.")
    String revisionA;

    @Option(names = "--revision-b", paramLabel = "REV", description = "The same for B.")
    String revisionB;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "For a checkpoint: encodec_24khz, encodec_32khz, encodec_48khz or auto (xp.cfg wins, as in"
                    + " convert). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--config", paramLabel = "config.json",
            description = "For a checkpoint: a transformers config.json describing a custom model.")
    Path config;

    @CommandLine.Mixin
    HashCheckOption hashCheck;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write every difference as JSON (- for standard output; the table then goes to standard"
                    + " error).")
    Path report;

    @Option(names = "--force", description = "Replace a report that an earlier run wrote.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ModelLocations.Located x = ModelLocations.locate(a, revisionA);
        ModelLocations.Located y = ModelLocations.locate(b, revisionB);
        var outputs = ReportOutput.rules(spec, force).input("A", x.path()).input("B", y.path())
                .input("--config", config).build();
        ReportOutput reportOut = ReportOutput.check(outputs, report, spec);
        return reportOut.run("diff", () -> {
            boolean checkpoints = x.kind() == ModelLocations.Kind.FILE || y.kind() == ModelLocations.Kind.FILE;
            if (!checkpoints && (config != null || !"auto".equals(model))) {
                throw BadInputException.option("--model and --config go with an original checkpoint; a model folder"
                        + " has its own config.json");
            }
            for (ModelLocations.Located l : List.of(x, y)) {
                // torch.hub's rule is for checkpoints; a lone safetensors file is refused by name further on
                if (l.kind() == ModelLocations.Kind.FILE && !l.path().toString().endsWith(".safetensors")) {
                    hashCheck.check(l.path());
                }
            }
            DiffReport r = ModelDiff.run(new ModelDiff.Input(a.toString(), x), new ModelDiff.Input(b.toString(), y),
                    model, config);
            print(r, reportOut.human());
            reportOut.write(r, DiffReport.KIND, "report:    ");
            return r.identical() ? ExitCode.OK : ExitCode.CHECK_FAILED;
        });
    }

    static void print(DiffReport r, PrintWriter out) {
        out.println("A: " + r.a().description());
        out.println("B: " + r.b().description());
        if (!r.a().weightNormSpelling().equals(r.b().weightNormSpelling())) {
            out.println("weight norm: A spells it " + r.a().weightNormSpelling() + ", B "
                    + r.b().weightNormSpelling() + "; the same tensors, compared under one name");
        }
        List<DiffReport.TensorDifference> td = r.tensors().differences();
        if (!td.isEmpty()) {
            Table t = new Table("tensor", "difference", "A", "B", "max abs", "max rel", "values differing");
            for (DiffReport.TensorDifference d : td.subList(0, Math.min(MAX_ROWS, td.size()))) {
                t.row(d.name(), d.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                        tensorCell(d.dtypeA(), d.shapeA()), tensorCell(d.dtypeB(), d.shapeB()),
                        d.maxAbsDifference() == null ? "" : Table.sci(d.maxAbsDifference()),
                        d.maxRelativeDifference() == null ? "" : Table.sci(d.maxRelativeDifference()),
                        d.valuesDiffering() == null ? "" : d.valuesDiffering() + " of " + d.values());
            }
            out.println();
            t.print(out);
            more(out, td.size());
        }
        printFields(out, r);
        printMetadata(out, r.metadata());
        if (r.files().compared()) {
            for (DiffReport.FileHash f : r.files().entries()) {
                out.printf("%s: %s%n", f.file(), f.identical() ? "byte for byte the same"
                        : f.sha256A() == null ? "only in B" : f.sha256B() == null ? "only in A"
                        : "bytes differ (sha256 " + f.sha256A().substring(0, 12) + "... vs "
                                + f.sha256B().substring(0, 12) + "...)");
            }
        } else {
            out.println("files: not compared byte for byte: " + r.files().reason());
        }
        out.println(verdictLine(r));
        out.flush();
    }

    private static void printFields(PrintWriter out, DiffReport r) {
        Table t = new Table("file", "field", "A", "B", "counts");
        int rows = addRows(t, "config.json", r.config(), 0);
        rows = addRows(t, "preprocessor_config.json", r.preprocessor(), rows);
        if (rows > 0) {
            out.println();
            t.print(out);
            more(out, rows);
        }
        out.println();
    }

    /** Adds a file's field differences to the table, up to the short table's length; returns the rows so far. */
    private static int addRows(Table t, String file, DiffReport.Fields f, int before) {
        int rows = before;
        for (DiffReport.FieldDifference d : f.differences()) {
            if (rows++ < MAX_ROWS) {
                t.row(file, d.field(), cell(d.a()), cell(d.b()), d.counts() ? "yes" : "no: " + d.note());
            }
        }
        return rows;
    }

    private static void printMetadata(PrintWriter out, DiffReport.Metadata m) {
        if (!m.compared()) {
            out.println("metadata: not compared: " + m.reason());
            return;
        }
        if (m.differences().isEmpty()) {
            out.println("metadata: the same " + m.keysA() + " keys and values");
            return;
        }
        out.println("metadata (reported; it decides nothing): " + m.differences().size() + " keys differ");
        for (DiffReport.FieldDifference d : m.differences().subList(0, Math.min(MAX_ROWS, m.differences().size()))) {
            out.println("  " + d.field() + ": " + cell(d.a()) + " vs " + cell(d.b()));
        }
        more(out, m.differences().size());
    }

    /**
     * "identical: 156 tensors, 27 config fields, 8 preprocessor fields" or "DIFFERENT: 1 of 156 tensors, ...": the
     * last line, the one a script greps.
     */
    static String verdictLine(DiffReport r) {
        DiffReport.Tensors t = r.tensors();
        int tensors = Math.max(t.countA(), t.countB());
        String bytes = !r.files().compared() ? "" : Boolean.TRUE.equals(r.files().byteIdentical())
                ? "; the folders' model files are byte for byte the same" : "; the folders' files are not byte for"
                        + " byte the same";
        if (r.identical()) {
            return "identical: " + tensors + " tensors, " + r.config().fields() + " config fields, "
                    + r.preprocessor().fields() + " preprocessor fields" + bytes;
        }
        return "DIFFERENT: " + t.differing() + " of " + tensors + " tensors, " + r.config().differing() + " of "
                + r.config().fields() + " config fields, " + r.preprocessor().differing() + " of "
                + r.preprocessor().fields() + " preprocessor fields differ" + bytes;
    }

    private static String tensorCell(String dtype, long[] shape) {
        return dtype == null ? "(absent)" : dtype + " " + dev.encodecparity.tensor.Shapes.format(shape);
    }

    private static String cell(JsonNode v) {
        String s = v == null ? "(absent)" : v.isTextual() ? v.asText() : v.toString();
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 3) + "...";
    }

    private static void more(PrintWriter out, int total) {
        if (total > MAX_ROWS) {
            out.println("... and " + (total - MAX_ROWS) + " more (--report lists them all)");
        }
    }
}
