package io.pharos.app;

import io.pharos.engine.config.ConfigException;
import io.pharos.engine.incident.ResponseConfig;
import io.pharos.engine.incident.ResponseConfigFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Responses files: check one before starting Pharos with it. */
@Command(name = "responses", mixinStandardHelpOptions = true,
        description = "Checks a responses file: the command, policy and metric queries of automated responses.",
        subcommands = {ResponsesCommand.Check.class})
final class ResponsesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Reads a responses file as Pharos would and prints the command (its program only), the"
                    + " policy and every metric query as understood.",
                "Exit status 0 when the file is valid, 1 with the problem and where it is otherwise."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A responses file (YAML, docs/incidents.md).")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ResponseConfig config;
            try {
                config = ResponseConfigFile.load(file);
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 1;
            }
            out.println("# " + file + " is valid; as Pharos understands it:");
            out.print(ResponseConfigFile.describe(config));
            out.flush();
            return 0;
        }
    }
}
