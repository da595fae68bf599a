package io.pharos.app;

import io.pharos.engine.importer.Format;
import io.pharos.engine.importer.ImportException;
import io.pharos.engine.importer.ImportProgress;
import io.pharos.engine.importer.ImportSummary;
import io.pharos.engine.importer.Importer;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Imports history from OpenMetrics text or CSV into the store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
            "Imports history from a file, streaming (files larger than memory work; .gz too):",
            "  OpenMetrics text, as 'promtool tsdb create-blocks-from openmetrics' reads it (timestamps in seconds),",
            "  CSV with a header: timestamp (epoch ms or ISO-8601), metric, value, and one column per label.",
            "Importing the same file again keeps one copy of each sample.",
        })
final class ImportCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    PharosCommand parent;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Option(names = "--format", description = "openmetrics, csv or detect (default: ${DEFAULT-VALUE}).")
    String format = "detect";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Format f = switch (format.toLowerCase(Locale.ROOT)) {
            case "openmetrics", "om" -> Format.OPENMETRICS;
            case "csv" -> Format.CSV;
            case "detect" -> Format.DETECT;
            default -> throw new UserFacingException("Unknown --format '" + format + "': use openmetrics, csv or detect.");
        };
        if (!Files.isRegularFile(file)) {
            throw new UserFacingException("No file to import at " + file + ".");
        }
        ImportSummary summary;
        try (TimeSeriesStore store = TimeSeriesStore.open(parent.dataDir, parent.storeOptions())) {
            try (HistoryWriter writer = store.historyWriter()) {
                summary = new Importer().importFile(file, f, writer, p -> progress(err, p));
            }
            err.println();
            DayRollupStep.run(store, err);
        } catch (ImportException e) {
            throw new UserFacingException(e.getMessage() + "\nNothing after that line was imported; the samples before"
                    + " it were. Fix the line and run the import again (samples already imported are kept once).", e);
        } catch (NoSuchFileException e) {
            throw new UserFacingException("No file to import at " + file + ".", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        err.println(summary.describe());
        summary.warnings().forEach(w -> err.println("warning: " + w));
        summary.timeRange().ifPresent(range -> {
            Instant oldestKept = Instant.now().minus(parent.rawRetention);
            if (Instant.ofEpochMilli(range.minMs()).isBefore(oldestKept)) {
                err.println("note: part of this history is older than the raw retention (" + parent.rawRetention
                        + "); its raw samples are removed at the next retention run, per-minute rollups of dense data"
                        + " are kept for " + parent.rollupRetention + ". Keep more with --raw-retention.");
            }
        });
        return 0;
    }

    private static void progress(PrintWriter err, ImportProgress p) {
        err.printf("\r  %5.1f %%  %,d samples", 100 * p.fraction(), p.samples());
        err.flush();
    }
}
