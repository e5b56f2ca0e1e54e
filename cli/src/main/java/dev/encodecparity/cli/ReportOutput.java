package dev.encodecparity.cli;

import dev.encodecparity.common.Json;
import dev.encodecparity.output.Destination;
import dev.encodecparity.output.JsonOutput;
import dev.encodecparity.output.Outputs;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The {@code --report} of verify and golden check: checked with the run's other outputs before any work, written
 * after it. {@code --report -} puts the JSON on standard output, and the human-readable table then goes to standard
 * error, so that a pipe receives nothing but the JSON.
 */
final class ReportOutput {
    private final Destination destination;
    private final PrintWriter human;

    private ReportOutput(Destination destination, PrintWriter human) {
        this.destination = destination;
        this.human = human;
    }

    /** Checks {@code report} (null: no report) against the run's rules. */
    static ReportOutput check(Outputs outputs, Path report, CommandLine.Model.CommandSpec spec) {
        Destination d = report == null ? null : outputs.destination("--report", report, JsonOutput.REPORT);
        boolean toStdout = d != null && d.isStandardOutput();
        return new ReportOutput(d, toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut());
    }

    /** The run's rules with the command's standard output as the place {@code -} writes to. */
    static Outputs.Builder rules(CommandLine.Model.CommandSpec spec, boolean force) {
        return Outputs.builder().force(force).standardOutput(new WriterStream(spec.commandLine().getOut()));
    }

    /** Where the table and progress lines go. */
    PrintWriter human() {
        return human;
    }

    /**
     * Writes the report, if one was asked for, as a document of {@code kind} (schema_version, kind, the report's
     * fields, non-finite numbers as null with a reason), and says where (after {@code label}).
     */
    void write(Object report, String kind, String label) {
        if (destination == null) {
            return;
        }
        var doc = dev.encodecparity.common.JsonDocument.of(kind, report);
        destination.publish(staging -> Json.MAPPER.writeValue(staging.toFile(), doc));
        if (!destination.isStandardOutput()) {
            human.println(label + destination.given());
        }
        human.flush();
    }

    /**
     * Runs a command's work; when it ends in an error (bad input, the environment, a bug), the report is still
     * written, as an error object a CI parser can read ({@code "kind": "error"}, with the exit code and the
     * message), and the error goes on to the command line as before. Nothing else of the run is written.
     */
    int run(String command, java.util.concurrent.Callable<Integer> work) throws Exception {
        try {
            return work.call();
        } catch (Exception | OutOfMemoryError e) {
            if (destination != null) {
                writeError(command, e);
            }
            throw e;
        }
    }

    private void writeError(String command, Throwable e) {
        com.fasterxml.jackson.databind.node.ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("schema_version", dev.encodecparity.common.JsonSchemas.VERSION);
        o.put("kind", "error");
        o.put("tool", dev.encodecparity.common.ToolInfo.nameAndVersion());
        o.put("command", command);
        int exit = Main.exitCodeOf(e);
        o.put("exit_code", exit);
        o.put("verdict", "error");
        com.fasterxml.jackson.databind.node.ObjectNode error = o.putObject("error");
        error.put("type", exit == ExitCode.ERROR ? "bad_input" : exit == ExitCode.ENVIRONMENT ? "environment"
                : "internal");
        if (e instanceof dev.encodecparity.common.BadInputException b) {
            error.put("message", b.getMessage());
            error.put("file", b.file() == null ? null : b.file().toString());
            b.details().forEach(error.putArray("details")::add);
        } else {
            error.put("message", Main.oneLine(e));
        }
        try {
            destination.publish(staging -> Json.MAPPER.writeValue(staging.toFile(), o));
        } catch (RuntimeException unwritable) {
            e.addSuppressed(unwritable); // the first error is the one to report; the report could not be written
        }
    }

    /** Bytes into a character writer (UTF-8), so that {@code -} goes where the command's output goes. */
    static final class WriterStream extends OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            writer.print(pending.toString(StandardCharsets.UTF_8));
            writer.flush();
            pending.reset();
        }
    }
}
