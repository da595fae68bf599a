package io.pharos.engine.fleet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads scenarios from YAML. Read with the streaming parser rather than data binding so that every
 * problem, including a bad value, is reported with the line it is on:
 *
 * <pre>
 * scenarios:
 *   - type: traffic-surge        # region-outage, traffic-surge, memory-leak, latency-degradation,
 *                                # cost-spike, traffic-growth
 *     start: "+2h"               # offset from the base time, "now", or 2025-03-01T14:00:00Z
 *     duration: 30m              # 90s, 30m, 2h, 1d, 1h30m or PT30M
 *     region: us-east-1          # region and/or service
 *     service: checkout
 *     magnitude: 10              # optional; the kind's default otherwise
 *     ramp: 15m                  # optional; reach the magnitude gradually over this long (not for
 *                                # memory-leak and traffic-growth, which are rates per hour)
 * </pre>
 *
 * A top-level list without the {@code scenarios:} key is accepted too, and an empty file holds no
 * scenarios. Files written before {@code ramp} and {@code traffic-growth} existed read as before:
 * without a ramp a scenario takes effect at once.
 */
public final class ScenarioFile {
    private static final List<String> FIELDS = List.of("type", "start", "duration", "region", "service", "magnitude",
            "ramp");

    private final YAMLFactory yaml = new YAMLFactory();
    private final Instant base;

    /** @param base the time offsets such as "+2h" count from, usually now */
    public ScenarioFile(Instant base) {
        this.base = base;
    }

    public List<Scenario> load(Path file) throws ScenarioFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioFileException(file.toString(), 0, "cannot be read (" + e.getClass().getSimpleName()
                    + "); check that the file exists, is readable and is UTF-8 text");
        }
        return parse(text, file.toString());
    }

    /** @param fileName how messages name the source, e.g. the file's path */
    @SuppressWarnings("deprecation")
    public List<Scenario> parse(String text, String fileName) throws ScenarioFileException {
        try (JsonParser p = yaml.createParser(text)) {
            return new Reader(p, fileName).scenarios();
        } catch (MarkedYAMLException e) {
            throw syntaxError(e, fileName);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ScenarioFileException(fileName, line, "not valid YAML: " + e.getOriginalMessage());
        } catch (ScenarioFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ScenarioFileException(fileName, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Jackson's location of a YAML syntax error can be off by lines (it is where the parser stood, not
     * where the scanner failed); the scanner's marks are exact. Jackson 2 deprecates its wrapper in
     * favour of SnakeYAML's own exception, but using that would make SnakeYAML a direct dependency.
     */
    @SuppressWarnings("deprecation")
    private static ScenarioFileException syntaxError(MarkedYAMLException e, String fileName) {
        int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
        String context = e.getContext() == null ? ""
                : " (" + e.getContext() + (e.getContextMark() == null ? ""
                        : " that starts on line " + (e.getContextMark().getLine() + 1)) + ")";
        return new ScenarioFileException(fileName, line, "not valid YAML: " + e.getProblem() + context);
    }

    /** One scalar field of a scenario and the line it is on. */
    private record Field(String text, int line) {
    }

    private final class Reader {
        private final JsonParser p;
        private final String fileName;

        Reader(JsonParser p, String fileName) {
            this.p = p;
            this.fileName = fileName;
        }

        List<Scenario> scenarios() throws IOException {
            JsonToken token = p.nextToken();
            if (token == null) {
                return List.of();
            }
            if (token == JsonToken.START_OBJECT) {
                token = p.nextToken();
                if (token != JsonToken.FIELD_NAME || !"scenarios".equals(p.currentName())) {
                    throw problem("expected 'scenarios:' with a list of scenarios");
                }
                token = p.nextToken();
                if (token == JsonToken.VALUE_NULL) {
                    return List.of();
                }
            }
            if (token != JsonToken.START_ARRAY) {
                throw problem("expected a list of scenarios, each starting with '- type: ...'");
            }
            List<Scenario> out = new ArrayList<>();
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    throw problem("each scenario must be a mapping with type, start, duration and a region or service");
                }
                out.add(scenario());
            }
            return out;
        }

        private Scenario scenario() throws IOException {
            int line = line();
            Map<String, Field> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                int nameLine = line();
                if (!FIELDS.contains(name)) {
                    throw problem(nameLine, "unknown field '" + name + "'; a scenario has " + String.join(", ", FIELDS));
                }
                if (fields.containsKey(name)) {
                    throw problem(nameLine, "field '" + name + "' appears twice in one scenario");
                }
                JsonToken value = p.nextToken();
                if (!value.isScalarValue()) {
                    String found = value == JsonToken.START_ARRAY ? "list" : "mapping";
                    throw problem("field '" + name + "' must be a single value, not a " + found);
                }
                fields.put(name, new Field(p.getText(), line()));
            }
            return build(fields, line);
        }

        private Scenario build(Map<String, Field> fields, int line) throws ScenarioFileException {
            ScenarioKind kind = convert(required(fields, "type", line), ScenarioKind::byId);
            Instant start = convert(required(fields, "start", line), t -> ScenarioTimes.parseStart(t, base));
            Duration duration = convert(required(fields, "duration", line), ScenarioTimes::parseDuration);
            FleetRegion region = fields.containsKey("region") ? convert(fields.get("region"), FleetRegion::byId) : null;
            FleetService service = fields.containsKey("service") ? convert(fields.get("service"), FleetService::byId) : null;
            double magnitude = fields.containsKey("magnitude")
                    ? convert(fields.get("magnitude"), ScenarioFile::number) : kind.defaultMagnitude();
            Duration ramp = fields.containsKey("ramp")
                    ? convert(fields.get("ramp"), ScenarioTimes::parseDuration) : Duration.ZERO;
            try {
                return new Scenario(kind, start, duration, region, service, magnitude, ramp);
            } catch (IllegalArgumentException e) {
                throw problem(line, e.getMessage());
            }
        }

        private Field required(Map<String, Field> fields, String name, int line) throws ScenarioFileException {
            Field field = fields.get(name);
            if (field == null) {
                throw problem(line, "scenario has no '" + name + "'");
            }
            return field;
        }

        private <T> T convert(Field field, Function<String, T> parse) throws ScenarioFileException {
            try {
                return parse.apply(field.text());
            } catch (IllegalArgumentException e) {
                throw problem(field.line(), e.getMessage());
            }
        }

        private int line() {
            return p.currentTokenLocation().getLineNr();
        }

        private ScenarioFileException problem(String what) {
            return problem(line(), what);
        }

        private ScenarioFileException problem(int line, String what) {
            return new ScenarioFileException(fileName, line, what);
        }
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("magnitude '" + text + "' is not a number");
        }
    }
}
