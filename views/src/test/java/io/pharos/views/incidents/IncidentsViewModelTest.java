package io.pharos.views.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.engine.fleet.ReferenceFleet;
import io.pharos.engine.incident.ActionStatus;
import io.pharos.engine.incident.FleetActionExecutor;
import io.pharos.engine.incident.FleetImpactEstimator;
import io.pharos.engine.incident.FleetResponseMetrics;
import io.pharos.engine.incident.IncidentPolicy;
import io.pharos.engine.incident.IncidentService;
import io.pharos.engine.incident.IncidentStatus;
import io.pharos.engine.incident.PolicyVerdict;
import io.pharos.engine.incident.ResponseAction;
import io.pharos.engine.incident.ResponsePolicy;
import io.pharos.engine.incident.ResponseService;
import io.pharos.engine.incident.Severity;
import io.pharos.engine.incident.TimelineEntry;
import io.pharos.engine.incident.TimelineKind;
import io.pharos.engine.store.StateStore;
import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident workflow as an on-call engineer goes through it, over a real state file and the simulated fleet. */
class IncidentsViewModelTest {
    private static final Instant PEAK = Instant.parse("2026-03-04T15:00:00Z");
    @TempDir
    Path dir;
    private StateStore store;
    private IncidentsViewModel model;
    private IncidentService incidents;

    @BeforeEach
    void open() {
        store = StateStore.open(dir);
        Clock clock = Clock.fixed(PEAK, ZoneOffset.UTC);
        incidents = new IncidentService(store, clock, IncidentPolicy.defaults());
        ReferenceFleet fleet = new ReferenceFleet(7, 40);
        ResponseService responses = new ResponseService(incidents, ResponsePolicy.defaults(),
                new FleetActionExecutor(fleet), new FleetResponseMetrics(fleet));
        FleetImpactEstimator impact = new FleetImpactEstimator(fleet);
        model = new IncidentsViewModel(incidents, responses, impact::estimate, new CurrentThreadTaskExecutor(), clock,
                "ana", dir.resolve("postmortems"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private IncidentDetail shown() {
        return model.detailProperty().get();
    }

    @Test
    void fromOpeningToAClosedIncidentWithItsPostmortem() throws Exception {
        model.create("checkout slow in us-east-1", Severity.SEV2);
        assertThat(model.rows()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("INC-1");
            assertThat(r.status()).isEqualTo("triggered");
        });
        assertThat(shown().incident().title()).isEqualTo("checkout slow in us-east-1");
        assertThat(shown().next()).containsExactly(IncidentStatus.ACKNOWLEDGED);

        model.moveTo(IncidentStatus.ACKNOWLEDGED);
        model.setCommander("bob");
        model.addNote("p99 doubled since the deploy at 14:40");
        assertThat(shown().incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(shown().incident().commander()).isEqualTo("bob");
        assertThat(shown().timeline()).extracting(TimelineEntry::text)
                .anySatisfy(t -> assertThat(t).contains("p99 doubled since the deploy"));

        // A response is checked first: the effect and the verdict are shown, nothing is done yet.
        model.check(new ResponseAction.ScaleCompute("us-east-1", "checkout", 2));
        ResponseService.Preview preview = model.previewProperty().get();
        assertThat(preview.verdict().decision()).isEqualTo(PolicyVerdict.Decision.AUTOMATIC);
        assertThat(preview.simulated()).isTrue();
        assertThat(preview.expected().text()).isNotBlank();
        assertThat(shown().actions()).isEmpty();
        model.confirm();
        assertThat(model.previewProperty().get()).isNull();
        assertThat(shown().actions()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.SUCCEEDED);
            assertThat(a.before()).isNotEmpty();
            assertThat(a.after()).isNotEmpty();
        });
        assertThat(shown().timeline()).extracting(TimelineEntry::kind).contains(TimelineKind.ACTION_SUCCEEDED);

        model.moveTo(IncidentStatus.MITIGATING);
        model.moveTo(IncidentStatus.RESOLVED);
        model.moveTo(IncidentStatus.CLOSED);
        assertThat(model.errorProperty().get()).as("no postmortem yet: said, not thrown").contains("postmortem");
        model.writePostmortem("checkout p99 doubled for 40 min", "a cache size halved by the 14:40 deploy");
        model.exportPostmortem();
        Path file = dir.resolve("postmortems").resolve("INC-1.md");
        assertThat(model.messageProperty().get()).isEqualTo("Postmortem written to " + file);
        assertThat(Files.readString(file)).contains("checkout p99 doubled for 40 min", "scale", "bob");
        model.moveTo(IncidentStatus.CLOSED);
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.rows()).as("closed incidents are hidden by default").isEmpty();
        model.showClosedProperty().set(true);
        assertThat(model.rows()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("closed"));
        assertThat(shown().chainIntact()).isTrue();
    }

    @Test
    void anActionBeyondThePolicyIsShownRefusedAndOneNeedingApprovalWaitsForASecondPerson() {
        model.create("eu-west-1 down", Severity.SEV1);
        model.check(new ResponseAction.ScaleCompute("us-east-1", "checkout", 500));
        assertThat(model.previewProperty().get().verdict().decision()).isEqualTo(PolicyVerdict.Decision.REFUSED);
        assertThat(model.previewProperty().get().verdict().reasons()).anySatisfy(r -> assertThat(r).contains("at most 50"));
        model.cancelCheck();
        assertThat(shown().actions()).isEmpty();

        model.check(new ResponseAction.ThrottleTraffic("eu-west-1", 0.2));
        assertThat(model.previewProperty().get().verdict().decision()).isEqualTo(PolicyVerdict.Decision.NEEDS_APPROVAL);
        model.confirm();
        assertThat(model.waiting()).singleElement().satisfies(a -> assertThat(a.proposedBy()).isEqualTo("ana"));
        String id = model.waiting().getFirst().id();
        model.approve(id, "ana");
        assertThat(model.errorProperty().get()).as("the proposer cannot approve").isNotEmpty();
        assertThat(model.waiting()).hasSize(1);
        model.approve(id, "bob");
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.waiting()).isEmpty();
        assertThat(shown().actions()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(ActionStatus.SUCCEEDED);
            assertThat(a.decidedBy()).isEqualTo("bob");
        });
    }

    @Test
    void withAlertingOffTheScreenSaysSoAndDoesNothing() {
        IncidentsViewModel off = new IncidentsViewModel(null, null, (i, t) -> null, new CurrentThreadTaskExecutor(),
                Clock.systemUTC(), "ana", dir);
        assertThat(off.available()).isFalse();
        off.refresh();
        off.create("x", Severity.SEV4);
        assertThat(off.errorProperty().get()).contains("Alerting is off", "--no-alerting");
        assertThat(off.rows()).isEmpty();
    }

    @Test
    void aSnapshotsIncidentsAreShownAndTheirPostmortemExportedButNothingChanges() throws Exception {
        model.create("eu-west-1 outage", Severity.SEV2);
        String id = model.selectedProperty().get();
        model.addNote("failover started");
        IncidentsViewModel readOnly = IncidentsViewModel.readOnly(new io.pharos.engine.incident.IncidentReader() {
            @Override
            public java.util.List<io.pharos.engine.incident.Incident> list() {
                return store.read(r -> IncidentService.reading(r).list());
            }

            @Override
            public java.util.Optional<io.pharos.engine.incident.Incident> get(String i) {
                return store.read(r -> IncidentService.reading(r).get(i));
            }

            @Override
            public java.util.List<TimelineEntry> timeline(String i) {
                return store.read(r -> IncidentService.reading(r).timeline(i));
            }

            @Override
            public io.pharos.engine.incident.ChainVerification verify(String i) {
                return store.read(r -> IncidentService.reading(r).verify(i));
            }

            @Override
            public java.util.List<io.pharos.engine.incident.ActionRecord> actions(String i) {
                return store.read(r -> IncidentService.reading(r).actions(i));
            }
        }, (i, now) -> io.pharos.engine.incident.Impact.given(i.startMs(), i.endMs(now), Double.NaN, Double.NaN,
                Double.NaN, "not estimated"), new CurrentThreadTaskExecutor(), Clock.fixed(PEAK, ZoneOffset.UTC), "bo",
                dir.resolve("snapshot-postmortems"));
        readOnly.selectedProperty().set(id);
        assertThat(readOnly.readOnly()).isTrue();
        assertThat(readOnly.rows()).extracting(IncidentRow::id).containsExactly(id);
        assertThat(readOnly.detailProperty().get().timeline()).extracting(TimelineEntry::text)
                .anyMatch(t -> t.contains("failover started"));
        assertThat(readOnly.detailProperty().get().chainIntact()).isTrue();

        readOnly.addNote("from the snapshot");
        assertThat(readOnly.errorProperty().get()).startsWith("Read-only: this snapshot");
        readOnly.moveTo(IncidentStatus.ACKNOWLEDGED);
        readOnly.create("another", Severity.SEV4);
        assertThat(incidents.list()).hasSize(1);
        assertThat(incidents.require(id).status()).isEqualTo(IncidentStatus.TRIGGERED);
        assertThat(incidents.timeline(id)).extracting(TimelineEntry::text).noneMatch(t -> t.contains("from the snapshot"));

        readOnly.exportPostmortem();
        assertThat(dir.resolve("snapshot-postmortems").resolve(id + ".md")).exists();
    }

    @Test
    void aPostmortemStaysInItsFolderWhateverTheIncidentsIdSays() {
        Path folder = dir.resolve("postmortems");
        assertThat(IncidentsViewModel.postmortemFile(folder, "INC-7")).isEqualTo(folder.resolve("INC-7.md"));
        for (String hostile : new String[] {"../../notes/todo", "/etc/x", "..", "", null, "a\u0000b"}) {
            Path f = IncidentsViewModel.postmortemFile(folder, hostile);
            assertThat(f.getParent()).as(String.valueOf(hostile)).isEqualTo(folder);
            assertThat(f.getFileName().toString()).endsWith(".md").doesNotContain("/");
        }
    }
}
