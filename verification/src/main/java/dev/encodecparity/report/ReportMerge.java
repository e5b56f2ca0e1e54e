package dev.encodecparity.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.encodecparity.common.BadInputException;
import dev.encodecparity.common.InputFiles;
import dev.encodecparity.common.Json;
import dev.encodecparity.common.JsonDocument;
import dev.encodecparity.compare.LayerProfile;
import dev.encodecparity.compare.Verdict;
import dev.encodecparity.golden.GoldenCheck;
import dev.encodecparity.verify.RowSelection;
import dev.encodecparity.verify.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@code report merge}: the reports of the N shards of one run ({@code --shard I/N}) joined into the report of the
 * whole run, rows in the run's order (by their index), as one machine would have written it. Refused, naming the
 * file: reports of different kinds, tools, models, goldens, settings or tolerances; shards of different cuttings; a
 * shard given twice or missing; a run that ended in an error.
 */
public final class ReportMerge {
    /** A shard report is a few MB at most; anything near this is not one. */
    private static final int MAX_BYTES = 256 << 20;

    private ReportMerge() {
    }

    /** The merged report: a {@link VerifyReport} or a {@link GoldenCheck.Report}. */
    public static Object merge(List<Path> files) {
        if (files.size() < 1) {
            throw BadInputException.option("report merge needs at least one report");
        }
        List<JsonNode> docs = new ArrayList<>();
        String kind = null;
        for (Path f : files) {
            JsonNode d = Json.parse(InputFiles.readAllBytes(f, null, MAX_BYTES), f, "not a report: ");
            String k = d.path(JsonDocument.KIND).asText(null);
            if ("error".equals(k)) {
                throw new BadInputException(f, "is the report of a run that ended in an error (exit "
                        + d.path("exit_code").asText() + ": " + d.path("error").path("message").asText() + ")");
            }
            if (!VerifyReport.KIND.equals(k) && !GoldenCheck.Report.KIND.equals(k)) {
                throw new BadInputException(f, "is not a verify or golden check report (kind " + k + ")");
            }
            if (kind != null && !kind.equals(k)) {
                throw new BadInputException(f, "is a " + k + "; " + files.get(0) + " is a " + kind);
            }
            kind = k;
            docs.add(d);
        }
        if (VerifyReport.KIND.equals(kind)) {
            List<VerifyReport> rs = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                rs.add(JsonDocument.read(docs.get(i), kind, VerifyReport.class, files.get(i)));
            }
            return verify(rs, files);
        }
        List<GoldenCheck.Report> rs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            rs.add(JsonDocument.read(docs.get(i), kind, GoldenCheck.Report.class, files.get(i)));
        }
        return golden(rs, files);
    }

    static VerifyReport verify(List<VerifyReport> rs, List<Path> files) {
        VerifyReport first = rs.get(0);
        same(rs, files, VerifyReport::tool, "the tool");
        same(rs, files, r -> checkpointHash(r.inputs()), "the checkpoint (its SHA-256)");
        same(rs, files, VerifyReport::originalSettings, "the original model's settings");
        same(rs, files, VerifyReport::convertedSettings, "the converted model's settings");
        same(rs, files, VerifyReport::atol, "--atol");
        RowSelection whole = shards(rs.stream().map(VerifyReport::selection).toList(), files);
        List<VerifyReport.Row> rows = new ArrayList<>();
        Map<String, String> inputs = new LinkedHashMap<>();
        double seconds = 0;
        VerifyReport.Diagnosis diagnosis = null;
        VerifyReport.Broken broken = null;
        int firstFailing = Integer.MAX_VALUE;
        for (VerifyReport r : rs) {
            rows.addAll(r.rows());
            inputs.putAll(r.inputs());
            seconds += r.seconds();
            int failing = r.rows().stream().filter(x -> !x.verdict().passed()).mapToInt(VerifyReport.Row::index)
                    .min().orElse(Integer.MAX_VALUE);
            if (r.diagnosis() != null && failing < firstFailing) { // the whole run traces its first failing row
                diagnosis = r.diagnosis();
                firstFailing = failing;
            }
            broken = broken == null ? r.broken() : broken;
        }
        rows.sort(Comparator.comparingInt(VerifyReport.Row::index));
        distinct(rows.stream().map(VerifyReport.Row::index).toList(), files);
        boolean differs = rows.stream().anyMatch(x -> x.verdict() == Verdict.FAIL)
                || !first.settingDifferences().isEmpty();
        boolean isBroken = rows.stream().anyMatch(x -> x.verdict() == Verdict.BROKEN) || broken != null;
        return VerifyReport.builder().tool(first.tool())
                .started(rs.stream().map(VerifyReport::started).filter(Objects::nonNull).min(String::compareTo)
                        .orElse(null))
                .seconds(seconds).engine(first.engine()).inputs(inputs).originalSettings(first.originalSettings())
                .convertedSettings(first.convertedSettings()).settingDifferences(first.settingDifferences())
                .atol(first.atol()).rows(rows).diagnosis(diagnosis).verdict(Verdict.of(isBroken, !differs))
                .broken(broken).selection(whole).traces(traces(rs.stream().map(VerifyReport::traces).toList()))
                .jobs(rs.stream().map(VerifyReport::jobs).distinct().count() == 1 ? first.jobs() : null)
                .build();
    }

    static GoldenCheck.Report golden(List<GoldenCheck.Report> rs, List<Path> files) {
        GoldenCheck.Report first = rs.get(0);
        same(rs, files, GoldenCheck.Report::tool, "the tool");
        same(rs, files, GoldenCheck.Report::model, "the model (its files' SHA-256)");
        same(rs, files, GoldenCheck.Report::recordedWith, "the goldens (their recording)");
        same(rs, files, GoldenCheck.Report::tolerances, "the tolerances");
        RowSelection whole = shards(rs.stream().map(GoldenCheck.Report::selection).toList(), files);
        List<GoldenCheck.Row> rows = new ArrayList<>();
        LinkedHashSet<String> notes = new LinkedHashSet<>();
        for (GoldenCheck.Report r : rs) {
            rows.addAll(r.rows());
            notes.addAll(r.notes());
        }
        rows.sort(Comparator.comparingInt(GoldenCheck.Row::index));
        distinct(rows.stream().map(GoldenCheck.Row::index).toList(), files);
        boolean broken = !first.nonFiniteWeights().isEmpty() || rows.stream().anyMatch(r -> r.nonFinite() > 0);
        return GoldenCheck.Report.builder().tool(first.tool()).engine(first.engine())
                .recordedWith(first.recordedWith()).model(first.model()).notes(new ArrayList<>(notes))
                .tolerances(first.tolerances()).rows(rows)
                .verdict(Verdict.of(broken, rows.stream().allMatch(r -> r.verdict().passed())))
                .nonFiniteWeights(first.nonFiniteWeights()).selection(whole)
                .traces(traces(rs.stream().map(GoldenCheck.Report::traces).toList())).build();
    }

    /** The shards' layer traces one after another (each shard traced its own first clip), or null when none has. */
    private static List<LayerProfile> traces(List<List<LayerProfile>> shards) {
        if (shards.stream().allMatch(Objects::isNull)) {
            return null;
        }
        List<LayerProfile> all = new ArrayList<>();
        shards.stream().filter(Objects::nonNull).forEach(all::addAll);
        return all;
    }

    /** The shards must be 1..N of one cutting, each once; the merged report is the whole run's. */
    private static RowSelection shards(List<RowSelection> selections, List<Path> files) {
        RowSelection first = selections.get(0);
        TreeSet<Integer> given = new TreeSet<>();
        for (int i = 0; i < selections.size(); i++) {
            RowSelection s = selections.get(i);
            if (s.shards() != first.shards() || !Objects.equals(s.only(), first.only())) {
                throw new BadInputException(files.get(i), "is shard " + s.shard() + "/" + s.shards()
                        + (s.only() == null ? "" : " of --only " + s.only()) + "; " + files.get(0) + " is shard "
                        + first.shard() + "/" + first.shards()
                        + (first.only() == null ? "" : " of --only " + first.only()) + ": not one run's shards");
            }
            if (!given.add(s.shard())) {
                throw new BadInputException(files.get(i), "is shard " + s.shard() + "/" + s.shards()
                        + ", given twice");
            }
        }
        if (given.size() != first.shards()) {
            List<Integer> missing = new ArrayList<>();
            for (int k = 1; k <= first.shards(); k++) {
                if (!given.contains(k)) {
                    missing.add(k);
                }
            }
            String names = missing.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            throw BadInputException.option("report merge: shard" + (missing.size() == 1 ? " " : "s ") + names
                    + " of " + first.shards() + (missing.size() == 1 ? " is" : " are") + " missing: the merged report"
                    + " would not be the whole run's");
        }
        boolean failFast = selections.stream().anyMatch(RowSelection::failFast);
        return new RowSelection(first.only(), 1, 1, failFast);
    }

    private static void distinct(List<Integer> indexes, List<Path> files) {
        for (int i = 1; i < indexes.size(); i++) {
            if (indexes.get(i).equals(indexes.get(i - 1))) {
                throw BadInputException.option("report merge: row " + indexes.get(i) + " is in two reports of "
                        + files + ": they are not shards of one run");
            }
        }
    }

    private static <R> void same(List<R> rs, List<Path> files, Function<R, Object> field, String what) {
        Object want = field.apply(rs.get(0));
        for (int i = 1; i < rs.size(); i++) {
            if (!Objects.equals(field.apply(rs.get(i)), want)) {
                throw new BadInputException(files.get(i), what + " differs from " + files.get(0)
                        + "'s: not a shard of the same run");
            }
        }
    }

    private static String checkpointHash(Map<String, String> inputs) {
        return inputs.entrySet().stream().filter(e -> e.getKey().startsWith("checkpoint ")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }
}
