package dev.encodecparity.report;

import dev.encodecparity.compare.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A run as JUnit XML, the way Maven Surefire writes it and Jenkins, GitLab CI and the GitHub Actions reporters read
 * it: one {@code <testsuite>} (the model, or the golden set), its provenance as {@code <properties>}, one
 * {@code <testcase>} per clip and bandwidth with its time; a failing row carries a {@code <failure>} whose message is
 * the verdict and what differs, and whose text is the diagnosis; a broken row (not all finite) an {@code <error>},
 * because it is not a difference between the two models. The run's notes go to {@code <system-out>}.
 */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static void write(RunSummary run, OutputStream out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", run.name());
            x.writeAttribute("time", seconds(run.seconds()));
            x.writeAttribute("tests", Integer.toString(run.cases().size()));
            x.writeAttribute("errors", Long.toString(run.count(Verdict.BROKEN)));
            x.writeAttribute("skipped", "0");
            x.writeAttribute("failures", Long.toString(run.count(Verdict.FAIL)));
            if (run.started() != null) {
                x.writeAttribute("timestamp", run.started());
            }
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            for (var p : run.properties().entrySet()) {
                x.writeCharacters("\n    ");
                x.writeEmptyElement("property");
                x.writeAttribute("name", p.getKey());
                x.writeAttribute("value", p.getValue());
            }
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (RunSummary.Case c : run.cases()) {
                x.writeCharacters("\n  ");
                if (c.verdict().passed()) {
                    x.writeEmptyElement("testcase");
                    testcase(x, c);
                    continue;
                }
                x.writeStartElement("testcase");
                testcase(x, c);
                x.writeCharacters("\n    ");
                x.writeStartElement(c.verdict() == Verdict.BROKEN ? "error" : "failure");
                x.writeAttribute("message", c.message());
                x.writeAttribute("type", c.verdict().word());
                x.writeCharacters(c.detail() == null ? c.message() : c.message() + "\n" + c.detail());
                x.writeEndElement();
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n  ");
            x.writeStartElement("system-out");
            x.writeCharacters(run.command() + ": " + run.verdict().word() + ", " + (run.cases().size()
                    - run.count(Verdict.FAIL) - run.count(Verdict.BROKEN)) + " of " + run.cases().size()
                    + " rows pass" + (run.notes().isEmpty() ? "" : "\n" + String.join("\n", run.notes())));
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    /** The document as a string (tests, and a size check before writing). */
    public static String toString(RunSummary run) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(run, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void testcase(XMLStreamWriter x, RunSummary.Case c) throws XMLStreamException {
        x.writeAttribute("name", c.name());
        x.writeAttribute("classname", c.classname());
        x.writeAttribute("time", seconds(c.seconds()));
    }

    /** Seconds as Surefire writes them: a plain decimal number. */
    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", Double.isFinite(s) ? s : 0);
    }
}
