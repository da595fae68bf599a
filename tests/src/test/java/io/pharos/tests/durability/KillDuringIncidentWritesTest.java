package io.pharos.tests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.incident.ActionRecord;
import io.pharos.engine.incident.ActionStatus;
import io.pharos.engine.incident.ChainVerification;
import io.pharos.engine.incident.FleetActionExecutor;
import io.pharos.engine.incident.FleetResponseMetrics;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.ResponsePolicy;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.incident.TimelineEntry;
import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.store.StateStore;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident durability contract: every incident, timeline entry, status change and action the
 * service acknowledged survives kill -9 of the writing process, and every timeline's hash chain still
 * verifies. A real subprocess writes and is killed (SIGKILL) at random moments, three times on the
 * same state file.
 */
class KillDuringIncidentWritesTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedIncidentWriteSurvivesKillNine() throws Exception {
        Random rnd = new Random(20261124);
        List<String> acked = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            int killAfter = 30 + rnd.nextInt(120);
            List<String> got = runAndKill(round * 1_000_000L, killAfter);
            assertThat(got).hasSizeGreaterThanOrEqualTo(killAfter);
            acked.addAll(got);
            verify(acked);
        }
    }

    private List<String> runAndKill(long start, int acks) throws Exception {
        List<String> lines = KilledChild.run(IncidentCrashWriter.class, List.of(dir.toString(), Long.toString(start)),
                l -> KilledChild.count(l, "ACK ") >= acks);
        assertThat(lines).allMatch(l -> l.startsWith("ACK "));
        return lines.stream().map(l -> l.substring(4)).toList();
    }

    private void verify(List<String> acked) {
        try (StateStore store = StateStore.open(dir)) {
            IncidentService incidents = new IncidentService(store, InstantSource.system(), IncidentPolicy.defaults());
            ReferenceFleet fleet = new ReferenceFleet(5, 14);
            ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(),
                    new FleetActionExecutor(fleet), new FleetResponseMetrics(fleet));
            // an action the kill interrupted is closed as failed, in the timeline too
            responses.recover("pharos");
            for (String ack : acked) {
                String[] f = ack.split(" ");
                switch (f[0]) {
                    case "CREATE" -> assertThat(incidents.require(f[1]).title()).isEqualTo("crash test " + f[2]);
                    case "STATUS" -> {
                        IncidentStatus s = incidents.require(f[1]).status();
                        if (f[2].equals("acknowledged")) {
                            assertThat(s).as(ack).isIn(IncidentStatus.ACKNOWLEDGED, IncidentStatus.RESOLVED);
                        } else {
                            assertThat(s).as(ack).isEqualTo(IncidentStatus.RESOLVED);
                        }
                    }
                    case "NOTE" -> assertThat(incidents.timeline(f[1])).extracting(TimelineEntry::text).as(ack)
                            .contains("note " + f[2]);
                    case "ACTION" -> {
                        ActionRecord r = responses.action(f[1]).orElseThrow();
                        assertThat(r.status().id()).as(ack).isEqualTo(f[2]);
                        assertThat(r.status()).isEqualTo(ActionStatus.SUCCEEDED);
                        assertThat(r.after()).isNotEmpty();
                    }
                    default -> throw new AssertionError("unknown ack " + ack);
                }
            }
            List<ChainVerification> chains = incidents.verifyAll();
            assertThat(chains).isNotEmpty();
            assertThat(chains).allSatisfy(c -> assertThat(c.intact()).as(c.describe()).isTrue());
        }
    }
}
