package io.pharos.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.alerting.notify.NotificationConfig;
import io.pharos.engine.alerting.notify.Receiver;
import io.pharos.engine.fleet.FleetAdjustment;
import io.pharos.engine.fleet.FleetRegion;
import io.pharos.engine.fleet.FleetService;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.incident.ActionExecutor;
import io.pharos.engine.incident.ActionRecord;
import io.pharos.engine.incident.ActionRequest;
import io.pharos.engine.incident.ActionStatus;
import io.pharos.engine.incident.AutomatedResponses;
import io.pharos.engine.incident.FleetActionExecutor;
import io.pharos.engine.incident.FleetResponseMetrics;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.ResponseAction;
import io.pharos.engine.incident.ResponseConfig;
import io.pharos.engine.incident.ResponseConfigFile;
import io.pharos.engine.incident.ResponseMetrics;
import io.pharos.engine.incident.ResponsePolicy;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.incident.TimelineEntry;
import io.pharos.engine.incident.TimelineKind;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.rules.RuleFileLoader;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Automated responses as the running engine opens them: a configured command, the simulated fleet, or none. */
class AutomatedResponsesTest {
    @TempDir
    Path dir;

    private static final NotificationConfig DESKTOP = NotificationConfig.simple(List.of(new Receiver.Desktop("desktop")));

    private static io.pharos.engine.rules.LoadedRules noRules() {
        return new RuleFileLoader().parse("groups: []\n", "rules.yml");
    }

    /** Four hosts of each of two services in each of three regions, as exporters label them, 5 s ago. */
    private static void hostsReporting(PharosEngine engine, double checkoutCpu) throws Exception {
        long t = System.currentTimeMillis() - 5_000;
        SampleBatch.Builder b = SampleBatch.builder(64);
        for (String region : List.of("eu-west-1", "us-east-1", "ap-southeast-1")) {
            for (String service : List.of("checkout", "search")) {
                for (int h = 1; h <= 4; h++) {
                    String[] labels = {"region", region, "service", service, "host", service + "-" + region + "-" + h};
                    b.add(SeriesKey.of("node_cpu_utilization_ratio", labels), t,
                            service.equals("checkout") ? checkoutCpu : 0.3);
                    b.add(SeriesKey.of("service_requests_per_second", labels), t, 100);
                }
            }
        }
        engine.ingest().accept(b.build());
        engine.ingest().flush();
    }

    @Test
    void aConfiguredCommandRunsAnActionWithinPolicyAndTheTimelineShowsItsEffect() throws Exception {
        Path got = dir.resolve("action.json");
        Path script = dir.resolve("act.sh");
        Files.writeString(script, "#!/bin/sh\ncat > \"$1\"\necho \"scaled by $PHAROS_ACTION_ID\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve("responses.yaml");
        Files.writeString(file, "command: [\"" + script + "\", \"" + got + "\"]\ntimeout: 30s\n");
        ResponseConfig config = ResponseConfigFile.load(file);
        Path data = dir.resolve("data");

        try (PharosEngine engine = PharosEngine.open(data, StoreOptions.defaults())) {
            hostsReporting(engine, 0.9);
            AlertingRuntime alerting = engine.startAlerting(noRules(), DESKTOP, new AutomatedResponses(config, null));
            ResponseService responses = alerting.responses().orElseThrow();
            String incident = alerting.incidents().create("checkout CPU in eu-west-1", Severity.SEV3, "ana").id();

            ActionRecord r = responses.propose(incident, new ResponseAction.ScaleCompute("eu-west-1", "checkout", 1),
                    "ana");

            assertThat(r.status()).as(r.error()).isEqualTo(ActionStatus.SUCCEEDED);
            assertThat(r.simulated()).isFalse();
            assertThat(r.output()).isEqualTo("scaled by " + r.id() + "\n");
            JsonNode sent = new ObjectMapper().readTree(Files.readString(got));
            assertThat(sent.path("id").asText()).isEqualTo(r.id());
            assertThat(sent.path("approvedBy").asText()).isEqualTo("pharos");
            assertThat(sent.path("action").path("kind").asText()).isEqualTo("scale-compute");
            assertThat(sent.path("action").path("region").asText()).isEqualTo("eu-west-1");
            assertThat(sent.path("action").path("service").asText()).isEqualTo("checkout");
            assertThat(sent.path("action").path("hosts").asInt()).isEqualTo(1);

            TimelineEntry done = alerting.incidents().timeline(incident).stream()
                    .filter(e -> e.kind() == TimelineKind.ACTION_SUCCEEDED).findFirst().orElseThrow();
            assertThat(done.text()).contains("command " + script);
            assertThat(done.data().path("before").path(ResponseMetrics.HOSTS).asDouble()).isEqualTo(4);
            assertThat(done.data().path("before").path(ResponseMetrics.CPU).asDouble()).isEqualTo(0.9);
            assertThat(done.data().path("before").path(ResponseMetrics.REQUESTS).asDouble()).isEqualTo(400);
            assertThat(done.data().path("after").path(ResponseMetrics.HOSTS).asDouble())
                    .as("read from the store after the command returned").isEqualTo(4);
            assertThat(done.data().path("output").asText()).isEqualTo("scaled by " + r.id() + "\n");
            assertThat(done.data().path("simulated").asBoolean()).isFalse();
        }
    }

    @Test
    void onTheFleetARestartPutsBackSucceededActionsAndFailsAnInterruptedOne() throws Exception {
        // The first run: one action succeeded on the simulation, another was running when Pharos died.
        Path data = dir.resolve("data");
        ReferenceFleet fleet = new ReferenceFleet(7, 40);
        ActionRecord succeeded;
        try (StateStore state = StateStore.open(data)) {
            IncidentService incidents = new IncidentService(state, Clock.systemUTC(), IncidentPolicy.defaults());
            incidents.create("checkout CPU in us-east-1", Severity.SEV3, "ana");
            succeeded = new ResponseService(incidents, ResponsePolicy.defaults(), new FleetActionExecutor(fleet),
                    new FleetResponseMetrics(fleet)).propose("INC-1",
                    new ResponseAction.ScaleCompute("us-east-1", "checkout", 2), "ana");
            assertThat(succeeded.status()).isEqualTo(ActionStatus.SUCCEEDED);
            ResponseService dying = new ResponseService(incidents, ResponsePolicy.defaults(), new Dying(),
                    new FleetResponseMetrics(fleet));
            assertThatThrownBy(() -> dying.propose("INC-1",
                    new ResponseAction.CleanUpResources("us-east-1", "disk"), "ana")).isInstanceOf(Crash.class);
        }

        // The next run: a fresh simulation, the same data directory, no responses file.
        ReferenceFleet restarted = new ReferenceFleet(7, 40);
        try (PharosEngine engine = PharosEngine.open(data, StoreOptions.defaults())) {
            AlertingRuntime alerting = engine.startAlerting(noRules(), DESKTOP,
                    new AutomatedResponses(ResponseConfig.defaults(), restarted));
            ResponseService responses = alerting.responses().orElseThrow();

            assertThat(restarted.adjustments()).containsExactly(new FleetAdjustment.AddHosts(FleetRegion.US_EAST_1,
                    FleetService.CHECKOUT, 2, succeeded.startedAtMs()));
            assertThat(responses.actions("INC-1")).extracting(ActionRecord::status)
                    .containsExactly(ActionStatus.SUCCEEDED, ActionStatus.FAILED);
            assertThat(responses.action("INC-1-A2").orElseThrow().error())
                    .startsWith("interrupted: Pharos stopped while it ran");
            assertThat(alerting.incidents().verify("INC-1").intact()).isTrue();
        }
    }

    @Test
    void withoutACommandAndWithoutTheFleetThereAreNoAutomatedResponses() {
        try (PharosEngine engine = PharosEngine.open(dir, StoreOptions.defaults())) {
            assertThat(engine.startAlerting(noRules(), DESKTOP, AutomatedResponses.none()).responses()).isEmpty();
        }
    }

    /** An Error, so it passes through the service as the process dying would. */
    static final class Crash extends Error {
    }

    static final class Dying implements ActionExecutor {
        @Override
        public String name() {
            return "the simulated reference fleet";
        }

        @Override
        public boolean simulated() {
            return true;
        }

        @Override
        public String execute(ActionRequest request) {
            throw new Crash();
        }
    }
}
