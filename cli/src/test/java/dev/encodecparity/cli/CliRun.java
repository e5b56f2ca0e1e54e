package dev.encodecparity.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i].toString();
        }
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), a);
        return new CliRun(code, out.toString(), err.toString());
    }
}
