package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Export snapshot" without a window: the form, the export's progress, its outcome and its cancel. */
class SnapshotExportViewModelTest {
    private static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path dir;
    private final List<SnapshotExports.Request> requests = new ArrayList<>();
    private final List<Double> progress = new ArrayList<>();
    private SnapshotExportViewModel model;
    /** What the fake exporter does once asked. */
    private Behaviour behaviour = (r, p, c) -> {
        p.update(1, 2);
        p.update(2, 2);
        return new SnapshotExports.Result(r.file(), 3 * 1048576, 24_282, 209_796_480, "ab".repeat(32));
    };

    @FunctionalInterface
    interface Behaviour {
        SnapshotExports.Result run(SnapshotExports.Request r, SnapshotExports.Progress p, BooleanSupplier cancelled)
                throws Exception;
    }

    private void open(TimeRange range) {
        SnapshotExports exports = new SnapshotExports() {
            @Override
            public Result export(Request r, Progress p, BooleanSupplier cancelled) throws Exception {
                requests.add(r);
                return behaviour.run(r, p, cancelled);
            }

            @Override
            public Path defaultDirectory() {
                return dir.resolve("exports");
            }
        };
        ShellContext context = new ShellContext(new SimpleObjectProperty<>(range), new SimpleObjectProperty<>(BERLIN),
                new SimpleStringProperty("CET"), java.nio.file.Path.of("exports"));
        model = new SnapshotExportViewModel(exports, new CurrentThreadTaskExecutor(), Clock.fixed(NOON, BERLIN), context);
        model.progressProperty().addListener((obs, o, n) -> progress.add(n.doubleValue()));
        model.open();
    }

    @Test
    void theRangeInForceIsPreselectedInTheZoneShown() {
        open(TimeRange.last(Duration.ofHours(1)));
        assertThat(model.fromProperty().get()).isEqualTo("2026-11-23 12:00");
        assertThat(model.toProperty().get()).isEqualTo("2026-11-23 13:00");
        assertThat(model.zoneTextProperty().get()).isEqualTo("Times in CET (Europe/Berlin)");
        assertThat(model.fileProperty().get()).isEqualTo(dir.resolve("exports")
                .resolve("pharos-snapshot-20261123-1300.pharos").toString());
        assertThat(model.resolutionProperty().get()).isEqualTo("10s");
    }

    @Test
    void anUneditedRangeIsExportedToTheSecondAnEditedOneToTheMinute() {
        open(TimeRange.between(Instant.parse("2026-11-23T11:00:40Z"), Instant.parse("2026-11-23T11:59:41Z")));
        assertThat(model.toProperty().get()).isEqualTo("2026-11-23 12:59");
        model.export();
        assertThat(requests.getLast().from()).isEqualTo(Instant.parse("2026-11-23T11:00:40Z"));
        assertThat(requests.getLast().to()).isEqualTo(Instant.parse("2026-11-23T11:59:41Z"));
        model.fromProperty().set("2026-11-23 12:30");
        model.export();
        assertThat(requests.getLast().from()).isEqualTo(Instant.parse("2026-11-23T11:30:00Z"));
        assertThat(requests.getLast().to()).isEqualTo(Instant.parse("2026-11-23T11:59:41Z"));
    }

    @Test
    void anExportAsksForWhatTheFormSaysAndTellsWhatWasWritten() {
        open(TimeRange.between(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T10:00:00Z")));
        model.resolutionProperty().set("1m");
        model.noteProperty().set("  after INC-7 ");
        model.redactHostsProperty().set(true);
        model.export();
        assertThat(requests).singleElement().satisfies(r -> {
            assertThat(r.from()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
            assertThat(r.to()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
            assertThat(r.resolution()).isEqualTo(Duration.ofMinutes(1));
            assertThat(r.note()).isEqualTo("after INC-7");
            assertThat(r.redactHosts()).isTrue();
        });
        assertThat(model.phaseProperty().get()).isEqualTo(SnapshotExportViewModel.Phase.DONE);
        assertThat(model.messageProperty().get()).startsWith("Saved ").contains("24,282 series", "3.0 MiB",
                "SHA-256 abababababababab");
        assertThat(progress).contains(0.5, 1.0);
    }

    @Test
    void rawIsNoStepAndMistakesAreSaidWithoutExporting() {
        open(TimeRange.last(Duration.ofMinutes(15)));
        model.resolutionProperty().set("raw");
        model.export();
        assertThat(requests.getLast().resolution()).isZero();
        requests.clear();
        model.fromProperty().set("yesterday");
        model.export();
        assertThat(model.phaseProperty().get()).isEqualTo(SnapshotExportViewModel.Phase.FAILED);
        assertThat(model.messageProperty().get()).contains("2026-11-23 14:00");
        model.fromProperty().set("2026-11-23 14:00");
        model.export();
        assertThat(model.messageProperty().get()).isEqualTo("The range must start before it ends.");
        model.fromProperty().set("2026-11-23 12:00");
        model.fileProperty().set(dir.toString());
        model.export();
        assertThat(model.messageProperty().get()).contains("is a folder");
        assertThat(requests).isEmpty();
    }

    @Test
    void aFailedExportSaysWhy() {
        open(TimeRange.last(Duration.ofHours(1)));
        behaviour = (r, p, c) -> {
            throw new java.io.IOException("No space left on device");
        };
        model.export();
        assertThat(model.phaseProperty().get()).isEqualTo(SnapshotExportViewModel.Phase.FAILED);
        assertThat(model.messageProperty().get()).isEqualTo("Not exported: No space left on device");
    }

    @Test
    void cancellingStopsTheExporterAndSaysNothingWasWritten() {
        open(TimeRange.last(Duration.ofHours(1)));
        boolean[] seenCancelled = {false};
        behaviour = (r, p, c) -> {
            p.update(1, 100);
            model.cancel(); // the user, while the first series are written
            seenCancelled[0] = c.getAsBoolean();
            throw new CancellationException("export cancelled");
        };
        model.export();
        assertThat(seenCancelled[0]).isTrue();
        assertThat(model.phaseProperty().get()).isEqualTo(SnapshotExportViewModel.Phase.EDITING);
        assertThat(model.messageProperty().get()).isEqualTo("Cancelled: nothing was written.");
    }
}
