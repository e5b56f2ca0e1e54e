package dev.encodecparity.report;

import dev.encodecparity.common.ToolInfo;
import dev.encodecparity.output.OutputKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The kinds of the CI files ({@code --junit}, {@code --summary}) and of the HTML page ({@code --html},
 * {@code report html}): recognised as an earlier run's by this tool's mark in them, so {@code --force} replaces one of
 * them and nothing else.
 */
public final class ReportFiles {
    /** The first line of every summary this tool writes, a Markdown comment a reader never sees. */
    public static final String SUMMARY_MARK = "<!-- " + ToolInfo.NAME + " summary -->";

    public static final OutputKind JUNIT = new Kind("a JUnit XML report of " + ToolInfo.NAME,
            "<property name=\"tool\" value=\"" + ToolInfo.NAME + " ");
    public static final OutputKind SUMMARY = new Kind("a Markdown summary of " + ToolInfo.NAME, SUMMARY_MARK);
    public static final OutputKind HTML = new Kind("an HTML report of " + ToolInfo.NAME, HtmlReport.MARK);

    private ReportFiles() {
    }

    private record Kind(String description, String mark) implements OutputKind {
        @Override
        public boolean isFolder() {
            return false;
        }

        @Override
        public boolean isPreviousOutput(Path existing) {
            try {
                if (!Files.isRegularFile(existing, LinkOption.NOFOLLOW_LINKS) || Files.size(existing) > 64 << 20) {
                    return false;
                }
                return new String(Files.readAllBytes(existing), StandardCharsets.UTF_8).contains(mark);
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
