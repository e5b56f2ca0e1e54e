package dev.encodecparity.report;

import dev.encodecparity.compare.Verdict;
import dev.encodecparity.golden.GoldenCheck;
import dev.encodecparity.provenance.OutputProvenance;
import dev.encodecparity.verify.VerifyReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run as a CI system sees it, whichever command made it: a suite of cases (one per clip and bandwidth), each with
 * its verdict, its time and, when it did not pass, what went wrong; the run's verdict, its environment (the
 * provenance, as properties) and its notes.
 *
 * @param command "verify" or "golden check"
 * @param name the suite's name ("verify tiny_24khz.th")
 * @param started when the run started (ISO-8601), or null when the report does not say
 * @param seconds the run's wall time
 * @param properties the provenance, flat: tool, device, libtorch, DJL, numerics, inputs and their SHA-256
 * @param cases every row
 * @param verdict the run's
 * @param notes what else the run said (the first diverging module, broken models, golden check's notes)
 */
public record RunSummary(String command, String name, String started, double seconds,
        Map<String, String> properties, List<Case> cases, Verdict verdict, List<String> notes) {
    /**
     * One row as a test case.
     *
     * @param name "speech_24000hz_1ch.wav @ 1.5 kbps"
     * @param classname the suite's name with the clip, so a CI test view groups a clip's bandwidths
     * @param seconds the row's time
     * @param verdict the row's
     * @param message one line when it did not pass, else null
     * @param detail what a reader needs to find the cause (the first diverging module and its tensors), or null
     */
    public record Case(String name, String classname, double seconds, Verdict verdict, String message,
            String detail) {
    }

    public RunSummary {
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        cases = List.copyOf(cases);
        notes = List.copyOf(notes);
    }

    /** Cases whose verdict is {@code v}. */
    public long count(Verdict v) {
        return cases.stream().filter(c -> c.verdict() == v).count();
    }

    /** A verify report as a suite. */
    public static RunSummary of(VerifyReport r, String modelName) {
        String suite = "verify " + modelName;
        String detail = r.diagnosis() == null ? null : "first divergence: " + r.diagnosis().summary();
        List<Case> cases = new ArrayList<>();
        for (VerifyReport.Row row : r.rows()) {
            String message = row.verdict().passed() ? null : row.verdict().word() + ": "
                    + (row.codesEqual() ? "codes equal" : row.codesDiffering() + " of " + row.codesTotal()
                            + " codes differ") + "; max abs error " + number(row.maxAbsError()) + " (atol "
                    + number(r.atol()) + ")" + (row.originalNonFinite() + row.convertedNonFinite() > 0
                            ? "; non-finite values: original " + row.originalNonFinite() + ", converted "
                                    + row.convertedNonFinite() : "");
            cases.add(new Case(caseName(row.clip(), row.bandwidth()), suite + "." + row.clip(), row.seconds(),
                    row.verdict(), message, row.verdict().passed() ? null : detail));
        }
        List<String> notes = new ArrayList<>();
        r.settingDifferences().forEach(d -> notes.add("settings differ: " + d + " (original vs converted)"));
        if (detail != null) {
            notes.add(detail);
        }
        if (r.broken() != null) {
            r.broken().summary().forEach(line -> notes.add("broken: " + line));
        }
        Map<String, String> props = engine(r.tool(), r.engine());
        props.put("atol", number(r.atol()));
        r.inputs().forEach((k, v) -> props.put("input " + k, v));
        return new RunSummary("verify", suite, r.started(), r.seconds(), props, cases, r.verdict(), notes);
    }

    /** A golden check report as a suite. */
    public static RunSummary of(GoldenCheck.Report r, String goldensName) {
        String suite = "golden check " + goldensName;
        List<Case> cases = new ArrayList<>();
        double seconds = 0;
        for (GoldenCheck.Row row : r.rows()) {
            String message = row.verdict().passed() ? null : row.verdict().word() + ": "
                    + (row.realDifferences() < 0 ? "the codes' layout differs"
                            : row.realDifferences() + " frames differ, " + row.nearTies() + " near ties")
                    + "; max abs error " + number(row.maxAbsError()) + (row.audioWithin() ? "" : ", audio outside"
                            + " the tolerances") + (row.nonFinite() > 0 ? "; " + row.nonFinite()
                                    + " non-finite values" : "");
            cases.add(new Case(caseName(row.clip(), row.bandwidth()), suite + "." + row.clip(), row.seconds(),
                    row.verdict(), message, null));
            seconds += row.seconds();
        }
        Map<String, String> props = engine(r.tool(), r.engine());
        props.put("recorded with", r.recordedWith().summary());
        props.put("model", r.model().source());
        r.model().files().forEach((k, v) -> props.put("model file " + k, v));
        props.put("atol", number(r.tolerances().atol()));
        props.put("rtol", number(r.tolerances().rtol()));
        props.put("tie margin", number(r.tolerances().tieMargin()));
        List<String> notes = new ArrayList<>(r.notes());
        r.nonFiniteWeights().forEach(w -> notes.add("non-finite weights: " + w));
        return new RunSummary("golden check", suite, null, seconds, props, cases, r.verdict(), notes);
    }

    private static Map<String, String> engine(String tool, OutputProvenance.Engine e) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tool", tool);
        p.put("engine", e.summary());
        p.put("device", e.device());
        if (e.gpu() != null) {
            p.put("gpu", e.gpu());
        }
        p.put("libtorch", e.libtorch());
        p.put("djl", e.djl());
        p.put("threads", Integer.toString(e.threads()));
        if (e.numerics() != null) {
            p.put("numerics", e.numerics().summary());
        }
        if (e.deviceWarning() != null) {
            p.put("device warning", e.deviceWarning());
        }
        return p;
    }

    /** How a verify report names its model: the checkpoint's file name. */
    public static String modelName(VerifyReport r) {
        return r.inputs().keySet().stream().filter(k -> k.startsWith("checkpoint ")).findFirst()
                .map(k -> Path.of(k.substring("checkpoint ".length())).getFileName().toString()).orElse("model");
    }

    /** How a golden check report names its golden set when the folder's name is not at hand: by its model's file. */
    public static String goldensName(GoldenCheck.Report r) {
        return r.model().files().keySet().stream().findFirst().orElse("goldens");
    }

    static String caseName(String clip, double bandwidth) {
        return clip + " @ " + number(bandwidth) + " kbps";
    }

    /** A number as a person reads it: "1.5", "2.3e-06", "infinite". */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "not a number";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "infinite" : "negative infinite";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return v == (long) v && Math.abs(v) >= 1 ? String.valueOf((long) v) : String.valueOf(v);
        }
        return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.4g", v).replaceAll(
                "\\.?0+$", "") : String.format(Locale.ROOT, "%.2e", v);
    }
}
