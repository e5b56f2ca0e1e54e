package dev.encodecparity.report;

import dev.encodecparity.compare.Verdict;
import java.util.Map;

/**
 * A run as a Markdown page for a CI job's summary ({@code $GITHUB_STEP_SUMMARY}, a GitLab artifact): the verdict and
 * counts first, then the rows that did not pass, the notes, and the environment the run was made in.
 */
public final class MarkdownSummary {
    private MarkdownSummary() {
    }

    public static String render(RunSummary run) {
        long failed = run.count(Verdict.FAIL);
        long broken = run.count(Verdict.BROKEN);
        long passed = run.cases().size() - failed - broken;
        StringBuilder md = new StringBuilder();
        md.append(ReportFiles.SUMMARY_MARK).append("\n");
        md.append("## ").append(run.name()).append(": ").append(run.verdict().headline()).append("\n\n");
        md.append(passed).append(" of ").append(run.cases().size()).append(" rows pass");
        if (failed > 0) {
            md.append(", ").append(failed).append(" fail");
        }
        if (broken > 0) {
            md.append(", ").append(broken).append(" broken");
        }
        md.append(String.format(java.util.Locale.ROOT, " (%.1f s).%n%n", run.seconds()));
        if (failed + broken > 0) {
            md.append("| row | verdict | what |\n|---|---|---|\n");
            run.cases().stream().filter(c -> !c.verdict().passed()).forEach(c -> md.append("| ").append(cell(c.name()))
                    .append(" | ").append(c.verdict().word()).append(" | ").append(cell(c.message())).append(" |\n"));
            md.append('\n');
        }
        if (!run.notes().isEmpty()) {
            run.notes().forEach(n -> md.append("- ").append(n.replace("\n", " ")).append('\n'));
            md.append('\n');
        }
        md.append("<details><summary>Environment</summary>\n\n| | |\n|---|---|\n");
        for (Map.Entry<String, String> p : run.properties().entrySet()) {
            md.append("| ").append(cell(p.getKey())).append(" | ").append(cell(p.getValue())).append(" |\n");
        }
        md.append("\n</details>\n");
        return md.toString();
    }

    /** Text fit for a table cell: no pipes or line breaks to break the row. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
