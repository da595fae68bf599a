package io.pharos.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.views.common.CurrentThreadTaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Open snapshot" without a window: the exports folder listed, a file opened, or why not. */
class SnapshotOpenViewModelTest {
    @TempDir
    Path dir;
    private final List<Path> opened = new ArrayList<>();
    private final List<Path> shown = new ArrayList<>();

    private SnapshotOpenViewModel model(Path exports) {
        ShellContext context = new ShellContext(new SimpleObjectProperty<>(TimeRange.DEFAULT),
                new SimpleObjectProperty<ZoneId>(ZoneOffset.UTC), new SimpleStringProperty("UTC"), exports);
        return new SnapshotOpenViewModel(file -> {
            opened.add(file);
            if (file.getFileName().toString().startsWith("bad")) {
                throw new IllegalArgumentException(file + " is not a Pharos snapshot: it is cut off");
            }
            return () -> shown.add(file);
        }, new CurrentThreadTaskExecutor(), context);
    }

    private Path file(String name, String modified) throws Exception {
        Path f = Files.writeString(dir.resolve(name), "x".repeat(2048));
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse(modified)));
        return f;
    }

    @Test
    void theExportsAreListedNewestFirstAndTheNewestIsChosen() throws Exception {
        file("pharos-snapshot-20261201-0900.pharos", "2026-12-01T09:00:00Z");
        Path newest = file("after the outage.pharos", "2026-12-06T18:30:00Z");
        file("notes.txt", "2026-12-07T00:00:00Z");
        Files.createDirectory(dir.resolve("folder.pharos"));
        SnapshotOpenViewModel m = model(dir);
        m.load();
        assertThat(m.files()).extracting(SnapshotOpenViewModel.Listed::name)
                .containsExactly("after the outage.pharos", "pharos-snapshot-20261201-0900.pharos");
        assertThat(m.files().getFirst().details()).isEqualTo("2026-12-06 18:30 UTC · 2.0 KiB");
        assertThat(m.pathProperty().get()).isEqualTo(newest.toString());

        m.open();
        assertThat(shown).containsExactly(newest);
        assertThat(m.messageProperty().get()).isEqualTo("Opened after the outage.pharos in a window of its own, read-only.");
        assertThat(m.failedProperty().get()).isFalse();
        assertThat(m.busyProperty().get()).isFalse();
    }

    @Test
    void aFileThatIsNotASnapshotSaysWhyAndNoWindowShows() throws Exception {
        Path bad = file("bad.pharos", "2026-12-06T18:30:00Z");
        SnapshotOpenViewModel m = model(dir);
        m.pathProperty().set(bad.toString());
        m.open();
        assertThat(shown).isEmpty();
        assertThat(m.messageProperty().get()).isEqualTo(bad + " is not a Pharos snapshot: it is cut off");
        assertThat(m.failedProperty().get()).isTrue();

        m.pathProperty().set("  ");
        m.open();
        assertThat(m.messageProperty().get()).startsWith("Choose a snapshot in the list");
        assertThat(opened).containsExactly(bad);
    }

    @Test
    void noExportsFolderYetSaysHowToMakeOne() {
        SnapshotOpenViewModel m = model(dir.resolve("exports"));
        m.load();
        assertThat(m.files()).isEmpty();
        assertThat(m.messageProperty().get()).startsWith("No snapshot in ").contains("Ctrl+Shift+E");
        assertThat(m.pathProperty().get()).isEmpty();
    }

    @Test
    void onlyTheNewestAreListed() throws Exception {
        for (int i = 0; i < SnapshotOpenViewModel.LISTED + 5; i++) {
            file("s" + i + ".pharos", Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * i).toString());
        }
        SnapshotOpenViewModel m = model(dir);
        m.load();
        assertThat(m.files()).hasSize(SnapshotOpenViewModel.LISTED);
        assertThat(m.files().getFirst().name()).isEqualTo("s" + (SnapshotOpenViewModel.LISTED + 4) + ".pharos");
    }
}
