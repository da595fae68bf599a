package io.pharos.tests.durability;

import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.incident.ActionRecord;
import io.pharos.engine.incident.FleetActionExecutor;
import io.pharos.engine.incident.FleetResponseMetrics;
import io.pharos.engine.incident.Incident;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.ResponseAction;
import io.pharos.engine.incident.ResponsePolicy;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * A writer process for the incident crash test: opens incidents, adds notes, moves them through
 * their lifecycle and runs automated responses on a small simulated fleet, printing "ACK ..." after
 * each call returned (its transaction committed), until it is killed.
 */
public final class IncidentCrashWriter {
    private IncidentCrashWriter() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long start = Long.parseLong(args[1]);
        StateStore store = StateStore.open(dir);
        IncidentService incidents = new IncidentService(store, InstantSource.system(), IncidentPolicy.defaults());
        ReferenceFleet fleet = new ReferenceFleet(5, 14);
        // many clean-ups a second: lift the actions-per-hour limit, which is not what this test is about
        ResponsePolicy policy = ResponsePolicy.defaults().withCumulativeLimits(50, 100, Integer.MAX_VALUE);
        ResponseService responses = new ResponseService(incidents, policy, new FleetActionExecutor(fleet),
                new FleetResponseMetrics(fleet));
        String current = null;
        for (long n = start; ; n++) {
            int step = (int) ((n - start) % 10);
            if (step == 0) {
                Incident inc = incidents.create("crash test " + n, Severity.SEV3, "writer");
                current = inc.id();
                System.out.println("ACK CREATE " + current + " " + n);
            } else if (step == 1) {
                incidents.acknowledge(current, "writer");
                System.out.println("ACK STATUS " + current + " acknowledged");
            } else if (step == 5) {
                ActionRecord r = responses.propose(current, new ResponseAction.CleanUpResources("us-east-1", "disk"),
                        "writer");
                System.out.println("ACK ACTION " + r.id() + " " + r.status().id());
            } else if (step == 9) {
                incidents.resolve(current, "writer");
                System.out.println("ACK STATUS " + current + " resolved");
            } else {
                incidents.addNote(current, "writer", "note " + n);
                System.out.println("ACK NOTE " + current + " " + n);
            }
            System.out.flush();
        }
    }
}
