/**
 * What CI systems and people read from a run of {@code verify} or {@code golden check}: one {@link
 * dev.encodecparity.report.RunSummary} made from either report, written as JUnit XML ({@link
 * dev.encodecparity.report.JUnitXml}, as Surefire and the common CI reporters read it), as a Markdown summary
 * ({@link dev.encodecparity.report.MarkdownSummary}, for a job's summary page) and as a self-contained HTML page
 * ({@link dev.encodecparity.report.HtmlReport}, with the run's plots).
 */
package dev.encodecparity.report;
