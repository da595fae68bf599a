package io.pharos.app;

import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.rules.RuleProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Rule files: check them, and print the default pack to start one from. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Checks Prometheus rule files against Pharos' PromQL subset, or prints the default rules.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Defaults.class})
final class RulesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Reads rule files as Pharos would and reports every rule it refuses, with file:line:column.",
                "Exit status 0 when every rule loads, 1 when some are refused (the others would still run)."})
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Rule files (Prometheus format).")
        List<Path> files;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LoadedRules loaded = new RuleFileLoader().load(files);
            for (RuleProblem p : loaded.problems()) {
                err.println(p);
            }
            out.println(loaded.ruleCount() + " rules in " + loaded.groups().size() + " groups load; "
                    + loaded.problems().size() + " problem" + (loaded.problems().size() == 1 ? "" : "s") + ".");
            return loaded.problems().isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "defaults", mixinStandardHelpOptions = true,
            description = "Prints the default rule pack: save it, change it, start Pharos with --rules FILE.")
    static final class Defaults implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(DefaultRules.text());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
