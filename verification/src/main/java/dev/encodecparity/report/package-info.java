/**
 * What CI systems read from a run of {@code verify} or {@code golden check}: one {@link
 * dev.encodecparity.report.RunSummary} made from either report, written as JUnit XML ({@link
 * dev.encodecparity.report.JUnitXml}, as Surefire and the common CI reporters read it) and as a Markdown summary
 * ({@link dev.encodecparity.report.MarkdownSummary}, for a job's summary page).
 */
package dev.encodecparity.report;
