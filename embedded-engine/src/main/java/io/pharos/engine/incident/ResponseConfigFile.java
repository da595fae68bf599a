package io.pharos.engine.incident;

import com.fasterxml.jackson.databind.JsonNode;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.config.YamlConfigReader;
import io.pharos.engine.model.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link ResponseConfig} from YAML (the format is in docs/incidents.md): the command that acts
 * on real systems, its timeout, the policy's limits and the metric queries. Every problem says where
 * it is, such as {@code policy.max_hosts_per_action}; unknown keys are refused; what the file leaves
 * out keeps its default.
 */
public final class ResponseConfigFile {
    private static final Set<String> TOP = Set.of("command", "timeout", "policy", "metrics");
    static final String MAX_HOSTS_PER_ACTION = "max_hosts_per_action";
    static final String MAX_HOST_CHANGE = "max_host_change";
    static final String MAX_THROTTLE_SHARE = "max_throttle_share";
    static final String MAX_FLEET_SHARE = "max_fleet_share";
    static final String WITHOUT_APPROVAL = "without_approval";
    static final String MAX_NET_HOSTS_PER_INCIDENT = "max_net_hosts_per_incident";
    static final String MAX_NET_HOSTS_PER_HOUR = "max_net_hosts_per_hour";
    static final String MAX_ACTIONS_PER_HOUR = "max_actions_per_hour";
    static final String MAX_PROPOSAL_AGE = "max_proposal_age";
    private static final Set<String> POLICY = Set.of(MAX_HOSTS_PER_ACTION, MAX_HOST_CHANGE, MAX_THROTTLE_SHARE,
            MAX_FLEET_SHARE, WITHOUT_APPROVAL, MAX_NET_HOSTS_PER_INCIDENT, MAX_NET_HOSTS_PER_HOUR, MAX_ACTIONS_PER_HOUR,
            MAX_PROPOSAL_AGE);

    private ResponseConfigFile() {
    }

    public static ResponseConfig load(Path file) throws ConfigException {
        return parse(YamlConfigReader.read(file), file.toString());
    }

    public static ResponseConfig parse(String text, String fileName) throws ConfigException {
        YamlConfigReader yaml = new YamlConfigReader(fileName);
        JsonNode root = yaml.root(text);
        yaml.keys(root, "", TOP);
        Duration timeout = yaml.optionalDuration(root, "timeout", "");
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw yaml.problem("timeout", "must be longer than zero, such as 5m");
        }
        return new ResponseConfig(command(yaml, root), timeout == null ? CommandActionExecutor.DEFAULT_TIMEOUT : timeout,
                policy(yaml, root.path("policy")), queries(yaml, root.path("metrics")));
    }

    private static List<String> command(YamlConfigReader yaml, JsonNode root) throws ConfigException {
        if (root.has("command") && !root.get("command").isArray()) {
            // a single string would need a shell to split it, and the command runs without one
            throw yaml.problem("command", "must be a list: the program and its arguments, such as"
                    + " [/opt/ops/act, --env, prod]");
        }
        List<String> argv = new ArrayList<>();
        int i = 0;
        for (JsonNode a : yaml.list(root, "command", "")) {
            if (!a.isValueNode() || a.isNull()) {
                throw yaml.problem("command[" + i + "]", "must be a single value");
            }
            argv.add(a.asText());
            i++;
        }
        if (root.has("command") && (argv.isEmpty() || argv.getFirst().isBlank())) {
            throw yaml.problem("command", "needs the program to run first; leave command out to act on the"
                    + " simulated fleet");
        }
        return argv;
    }

    private static ResponsePolicy policy(YamlConfigReader yaml, JsonNode p) throws ConfigException {
        ResponsePolicy d = ResponsePolicy.defaults();
        if (p.isMissingNode() || p.isNull()) {
            return d;
        }
        yaml.keys(p, "policy", POLICY);
        int hostsPerAction = count(yaml, p, MAX_HOSTS_PER_ACTION, d.maxHostsPerAction());
        double hostChange = share(yaml, p, MAX_HOST_CHANGE, d.maxHostChange());
        if (hostChange < 0) {
            throw yaml.problem("policy." + MAX_HOST_CHANGE, "must not be negative; 0.5 lets a service's hosts change"
                    + " by half");
        }
        double throttle = share(yaml, p, MAX_THROTTLE_SHARE, d.maxThrottleShare());
        if (throttle < 0 || throttle >= 1) {
            throw yaml.problem("policy." + MAX_THROTTLE_SHARE, "must be from 0 to below 1, a share of requests such as"
                    + " 0.5; got " + throttle);
        }
        double fleet = share(yaml, p, MAX_FLEET_SHARE, d.maxFleetShare());
        if (fleet < 0 || fleet > 1) {
            throw yaml.problem("policy." + MAX_FLEET_SHARE, "must be from 0 to 1, a share of the fleet's hosts such as"
                    + " 0.34; got " + fleet);
        }
        Set<ActionKind> withoutApproval = p.has(WITHOUT_APPROVAL) ? kinds(yaml, p) : d.withoutApproval();
        int perIncident = count(yaml, p, MAX_NET_HOSTS_PER_INCIDENT, d.maxNetHostsPerIncident());
        int perHour = count(yaml, p, MAX_NET_HOSTS_PER_HOUR, d.maxNetHostsPerHour());
        int actions = count(yaml, p, MAX_ACTIONS_PER_HOUR, d.maxActionsPerHour());
        Duration age = yaml.optionalDuration(p, MAX_PROPOSAL_AGE, "policy");
        if (age != null && (age.isZero() || age.isNegative())) {
            throw yaml.problem("policy." + MAX_PROPOSAL_AGE, "must be longer than zero, such as 15m");
        }
        return new ResponsePolicy(hostsPerAction, hostChange, throttle, fleet, withoutApproval, perIncident, perHour,
                actions, age == null ? d.maxProposalAge() : age);
    }

    private static int count(YamlConfigReader yaml, JsonNode p, String key, int otherwise) throws ConfigException {
        int n = yaml.optionalInt(p, key, "policy", otherwise);
        if (n < 0) {
            throw yaml.problem("policy." + key, "must not be negative");
        }
        return n;
    }

    private static double share(YamlConfigReader yaml, JsonNode p, String key, double otherwise)
            throws ConfigException {
        double v = yaml.optionalDouble(p, key, "policy", otherwise);
        if (!Double.isFinite(v)) {
            throw yaml.problem("policy." + key, "must be a number");
        }
        return v;
    }

    private static Set<ActionKind> kinds(YamlConfigReader yaml, JsonNode p) throws ConfigException {
        Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
        int i = 0;
        for (JsonNode k : yaml.list(p, WITHOUT_APPROVAL, "policy")) {
            try {
                kinds.add(ActionKind.byId(k.asText()));
            } catch (IllegalArgumentException e) {
                throw yaml.problem("policy." + WITHOUT_APPROVAL + "[" + i + "]", e.getMessage());
            }
            i++;
        }
        return kinds;
    }

    private static ResponseQueries queries(YamlConfigReader yaml, JsonNode m) throws ConfigException {
        if (m.isMissingNode() || m.isNull()) {
            return ResponseQueries.withOverrides(Map.of());
        }
        yaml.keys(m, "metrics", ResponseQueries.DEFAULTS.keySet());
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
            String metric = it.next();
            String query = yaml.text(m, metric, "metrics", true);
            try {
                ResponseQueries.check(query);
            } catch (IllegalArgumentException e) {
                throw yaml.problem("metrics." + metric, e.getMessage());
            }
            overrides.put(metric, query);
        }
        return ResponseQueries.withOverrides(overrides);
    }

    /**
     * The configuration in the file's own format, as understood: every policy limit and every query,
     * each query marked when it is a default. The command's arguments are not shown, as they may hold
     * keys and this text goes to terminals and logs.
     */
    public static String describe(ResponseConfig c) {
        StringBuilder sb = new StringBuilder();
        if (c.hasCommand()) {
            int args = c.command().size() - 1;
            String program = c.command().getFirst().replace("\\", "\\\\").replace("\"", "\\\"");
            sb.append("command: [\"").append(program).append("\"]").append(args == 0 ? "" : "   # and " + args
                    + " argument" + (args == 1 ? "" : "s") + ", not shown: they may hold keys").append('\n');
            sb.append("timeout: ").append(Durations.format(c.timeout())).append('\n');
        } else {
            sb.append("# no command: actions act on the simulated reference fleet when it runs, else there are none\n");
        }
        ResponsePolicy p = c.policy();
        sb.append("policy:\n");
        line(sb, MAX_HOSTS_PER_ACTION, p.maxHostsPerAction());
        line(sb, MAX_HOST_CHANGE, p.maxHostChange());
        line(sb, MAX_THROTTLE_SHARE, p.maxThrottleShare());
        line(sb, MAX_FLEET_SHARE, p.maxFleetShare());
        line(sb, WITHOUT_APPROVAL, p.withoutApproval().stream().map(ActionKind::id).toList());
        line(sb, MAX_NET_HOSTS_PER_INCIDENT, p.maxNetHostsPerIncident());
        line(sb, MAX_NET_HOSTS_PER_HOUR, p.maxNetHostsPerHour());
        line(sb, MAX_ACTIONS_PER_HOUR, p.maxActionsPerHour());
        line(sb, MAX_PROPOSAL_AGE, Durations.format(p.maxProposalAge()));
        sb.append(c.hasCommand() ? "metrics:\n" : "metrics:   # read with a command only\n");
        c.queries().all().forEach((metric, query) -> sb.append("  ").append(metric).append(": '")
                .append(query.replace("'", "''")).append('\'').append(c.queries().isDefault(metric) ? "   # default" : "")
                .append('\n'));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String key, Object value) {
        sb.append("  ").append(key).append(": ").append(value instanceof List<?> l
                ? "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]" : value).append('\n');
    }
}
