package io.pharos.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line as a user would and keeps its exit code and what it printed. */
record CommandRun(int code, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // The path a start takes: the console's options alone, or the whole command line.
        int code = PharosCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
