package io.pharos.app;

import io.pharos.engine.snapshot.OpenedSnapshot;
import io.pharos.engine.store.SnapshotFileReader;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code pharos open FILE...}: snapshots in the console, read-only, each in a window of its own. */
@Command(name = "open", mixinStandardHelpOptions = true,
        description = {"Opens snapshot files in the console, read-only: each in a window of its own, with a banner that"
                + " says what it holds, its time fixed to its range, every screen working on it (docs/snapshots.md).",
            "Nothing is written to a snapshot. The live console is not started; run ./pharos beside it for that."})
final class OpenCommand implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OpenCommand.class);

    @CommandLine.ParentCommand
    PharosCommand parent;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Snapshot files (pharos snapshot export writes them).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ConsoleLauncher.requireDisplay();
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        List<OpenedSnapshot> opened = new ArrayList<>();
        try {
            for (Path f : files) {
                opened.add(OpenedSnapshot.open(f, SnapshotFileReader.Limits.DEFAULT));
            }
        } catch (RuntimeException e) {
            opened.forEach(OpenedSnapshot::close);
            throw e; // a SnapshotFileException says which file and why: status 2
        }
        LOG.info("Snapshots opened {} ms after the JVM's start", System.currentTimeMillis() - jvmStart);
        CountDownLatch closed = new CountDownLatch(opened.size());
        parent.toolkit().run(() -> {
            for (OpenedSnapshot s : opened) {
                try {
                    ConsoleWindow.showSnapshot(s, parent.dataDir, ZoneId.systemDefault(), new javafx.stage.Stage(),
                            closed::countDown);
                } catch (RuntimeException e) {
                    // One window that cannot be shown must not leave the command waiting for it.
                    System.err.println("pharos: " + s.file() + " cannot be shown: " + e);
                    s.close();
                    closed.countDown();
                }
            }
        });
        closed.await();
        Platform.exit();
        return 0;
    }
}
