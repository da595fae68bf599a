package io.pharos.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.client.Secret;
import io.pharos.client.TrustedCertificates;
import io.pharos.client.prometheus.PrometheusClient;
import io.pharos.client.prometheus.PrometheusEndpoint;
import io.pharos.client.prometheus.PrometheusException;
import io.pharos.client.prometheus.RuleImport;
import io.pharos.engine.rules.DefaultRules;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.rules.RuleProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import okhttp3.HttpUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** Rule files: check them, import a running Prometheus's, print the default pack to start one from. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Checks Prometheus rule files against Pharos' PromQL subset, imports a Prometheus's rules, or prints the default rules.",
        subcommands = {RulesCommand.Check.class, RulesCommand.Defaults.class, RulesCommand.Import.class})
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

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Reads the rules of a running Prometheus (its api/v1/rules) into a rule file for --rules,",
                "then checks it as 'rules check' does. Exit status 0 when every rule loads, 1 when some are refused",
                "(the file holds them all: edit those, or leave them to Prometheus), 2 when the server cannot be read."})
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "URL", description = "The Prometheus server, e.g. http://prometheus.example:9090")
        String url;

        @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Where to write the rule file (default: standard output). An existing file is replaced.")
        Path output;

        @CommandLine.Option(names = "--token-file", paramLabel = "FILE", description = "A bearer token for the server.")
        Path tokenFile;

        @CommandLine.Option(names = "--trust", paramLabel = "FILE", description = "PEM certificates to trust for https.")
        Path trust;

        @CommandLine.Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
                converter = DurationConverter.class, description = "The longest the server may take (default: 30s).")
        Duration timeout;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            HttpUrl address = HttpUrl.parse(url);
            if (address == null) {
                throw new UserFacingException("'" + url + "' is not an http:// or https:// address");
            }
            if (!address.username().isEmpty()) {
                throw new UserFacingException("The address must not hold credentials (user:password@): give a token"
                        + " with --token-file");
            }
            PrometheusEndpoint endpoint =
                    PrometheusEndpoint.of(address).withTimeout(timeout);
            try {
                if (tokenFile != null) {
                    endpoint = endpoint.withToken(Secret.of(Files.readString(tokenFile)));
                }
                if (trust != null) {
                    endpoint = endpoint.withTrust(TrustedCertificates.fromPem(trust));
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new UserFacingException("The credentials cannot be read: " + e.getMessage());
            }
            JsonNode data;
            try {
                data = new PrometheusClient(endpoint, 0).rules();
            } catch (PrometheusException e) {
                err.println("pharos: " + e.getMessage());
                return 2;
            }
            var imported = RuleImport.ruleFile(data, "The rules of " + endpoint.where()
                    + ", imported by pharos rules import on " + Instant.now().truncatedTo(
                    ChronoUnit.SECONDS) + ".\nPharos evaluates them over the data it holds: give it"
                    + " the series they read (a prometheus source's queries, agents, scrapes).");
            String name = output == null ? "(standard output)" : output.toString();
            if (output == null) {
                spec.commandLine().getOut().print(imported.ruleFile());
                spec.commandLine().getOut().flush();
            } else {
                Path tmp = output.resolveSibling(output.getFileName() + ".tmp");
                Files.writeString(tmp, imported.ruleFile());
                Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            LoadedRules loaded = new RuleFileLoader().parse(imported.ruleFile(), name);
            for (RuleProblem p : loaded.problems()) {
                err.println(p);
            }
            err.println(imported.alerting() + " alerting and " + imported.recording() + " recording rules in "
                    + imported.groups() + " groups imported" + (output == null ? "" : " into " + output) + "; "
                    + loaded.ruleCount() + " load, " + loaded.problems().size() + " refused.");
            err.flush();
            return loaded.problems().isEmpty() ? 0 : 1;
        }
    }
}
