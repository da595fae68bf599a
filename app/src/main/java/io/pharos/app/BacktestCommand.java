package io.pharos.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pharos.engine.forecast.DefaultPredictiveRules;
import io.pharos.engine.forecast.PredictiveBacktest;
import io.pharos.engine.forecast.PredictiveReplay;
import io.pharos.engine.forecast.PredictiveResult;
import io.pharos.engine.importer.Format;
import io.pharos.engine.importer.ImportException;
import io.pharos.engine.importer.ImportSummary;
import io.pharos.engine.importer.Importer;
import io.pharos.engine.rules.Backtest;
import io.pharos.engine.rules.LoadedRules;
import io.pharos.engine.rules.RuleGroup;
import io.pharos.engine.rules.RuleHealth;
import io.pharos.engine.rules.RuleProblem;
import io.pharos.engine.rules.StoreSeriesSource;
import io.pharos.engine.store.HistoryWriter;
import io.pharos.engine.store.StoreOptions;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Rules replayed over stored or imported history; every alert that would have fired, as JSON. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = {
            "Evaluates rules over history as if time ran through it and prints, as JSON, each alert that would",
            "have fired: rule, labels, and when it went pending, fired and resolved; and each predictive",
            "alert (a forecast crossing of the CPU, memory or p99 thresholds): predicted crossing, lead time,",
            "confidence, and the real crossing when there was one.",
            "History is the store in --data-dir, or a file given with --import (OpenMetrics or CSV), which is",
            "imported into a temporary store first and left out of yours.",
        })
final class BacktestCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    PharosCommand parent;

    @Option(names = "--rules", paramLabel = "FILE", description = "Rule files (default: the default rule pack).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--import", paramLabel = "FILE", description = "Backtest over this file instead of the store.")
    Path importFile;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Start: an ISO-8601 instant (2026-11-17T12:00:00Z) or a duration before --to (6h)."
                    + " Default: the imported file's first sample, or 6h.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "End: an ISO-8601 instant. Default: the imported file's last sample, or now.")
    String to;

    @Option(names = "--step", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between evaluations (default: the shortest group interval).")
    Duration step;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of standard output.")
    Path out;

    @Option(names = "--no-predictive", description = "Leave out the predictive alerts (forecast crossings).")
    boolean noPredictive;

    @Option(names = "--warmup", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "History before --from that forecasts learn from (default: ${DEFAULT-VALUE}; at least 1d).")
    Duration warmup = Duration.ofDays(2);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LoadedRules loaded = RuleFiles.load(rules);
        for (RuleProblem p : loaded.problems()) {
            err.println("warning: " + p + " (left out of the backtest)");
        }
        if (loaded.ruleCount() == 0) {
            throw new UserFacingException("No rule to backtest: every rule was refused (see above).");
        }
        long stepMs = step != null ? step.toMillis()
                : loaded.groups().stream().mapToLong(RuleGroup::intervalMs).min().orElse(60_000);
        if (stepMs <= 0) {
            throw new UserFacingException("--step must be positive.");
        }
        Path tempDir = null;
        try {
            Path dataDir = parent.dataDir;
            Instant fileStart = null;
            Instant fileEnd = null;
            if (importFile != null) {
                tempDir = Files.createTempDirectory("pharos-backtest-");
                dataDir = tempDir;
                ImportSummary summary = importInto(tempDir);
                var range = summary.timeRange().orElseThrow(
                        () -> new UserFacingException("The file " + importFile + " holds no samples to backtest over."));
                fileStart = Instant.ofEpochMilli(range.minMs());
                fileEnd = Instant.ofEpochMilli(range.maxMs());
            }
            Instant end = to != null ? TimeOption.parse(to, "--to", null) : fileEnd != null ? fileEnd : Instant.now();
            Instant start = from != null ? TimeOption.parse(from, "--from", end)
                    : fileStart != null ? fileStart : end.minus(Duration.ofHours(6));
            if (!start.isBefore(end)) {
                throw new UserFacingException("--from (" + start + ") must be before --to (" + end + ").");
            }
            // Imported history may be older than the retention: keep it all for the backtest.
            StoreOptions options = importFile != null
                    ? StoreOptions.defaults().withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500))
                    : parent.storeOptions();
            Backtest.Result result;
            List<PredictiveReplay.Episode> predicted = List.of();
            try (TimeSeriesStore store = TimeSeriesStore.open(dataDir, options)) {
                result = Backtest.run(loaded.groups(), new StoreSeriesSource(store), start.toEpochMilli(),
                        end.toEpochMilli(), stepMs);
                if (!noPredictive) {
                    predicted = PredictiveBacktest.run(DefaultPredictiveRules.rules(), store,
                            start.minus(warmup).toEpochMilli(), start.toEpochMilli(), end.toEpochMilli(), stepMs);
                }
            }
            write(result, predicted);
            if (!noPredictive) {
                err.println(predicted.size() + " predictive alert" + (predicted.size() == 1 ? "" : "s")
                        + " would have fired (forecasts learned from " + warmup.toDays() + " days before --from).");
            }
            err.println(result.episodes().size() + " alert" + (result.episodes().size() == 1 ? "" : "s")
                    + " would have fired between " + start + " and " + end + " (" + result.evaluations()
                    + " group evaluations, every " + Duration.ofMillis(stepMs).toString().substring(2).toLowerCase()
                    + ").");
            return 0;
        } finally {
            if (tempDir != null) {
                deleteTree(tempDir);
            }
        }
    }

    private ImportSummary importInto(Path dir) throws IOException {
        if (!Files.isRegularFile(importFile)) {
            throw new UserFacingException("No file to import at " + importFile + ".");
        }
        try (TimeSeriesStore store = TimeSeriesStore.open(dir,
                StoreOptions.defaults().withRetention(Duration.ofDays(36_500), Duration.ofDays(36_500)));
             HistoryWriter writer = store.historyWriter()) {
            return new Importer().importFile(importFile, Format.DETECT, writer, p -> { });
        } catch (ImportException e) {
            throw new UserFacingException(e.getMessage() + "\nFix the file and run the backtest again.", e);
        }
    }

    private void write(Backtest.Result r, List<PredictiveReplay.Episode> predicted) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", Instant.ofEpochMilli(r.fromMs()).toString());
        json.put("to", Instant.ofEpochMilli(r.toMs()).toString());
        json.put("stepSeconds", r.stepMs() / 1000.0);
        json.put("rules", r.rules());
        json.put("groupEvaluations", r.evaluations());
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Backtest.Episode e : r.episodes()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("rule", e.rule());
            a.put("group", e.group());
            a.put("kind", "threshold");
            a.put("labels", e.labels().toMap());
            a.put("pending", Instant.ofEpochMilli(e.pendingAtMs()).toString());
            a.put("firing", Instant.ofEpochMilli(e.firingAtMs()).toString());
            a.put("resolved", e.resolvedAtMs() == null ? null : Instant.ofEpochMilli(e.resolvedAtMs()).toString());
            a.put("value", Double.isFinite(e.value()) ? e.value() : String.valueOf(e.value()));
            a.put("annotations", e.annotations());
            alerts.add(a);
        }
        for (PredictiveReplay.Episode e : predicted) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("rule", e.rule().name());
            a.put("kind", "predictive");
            a.put("labels", PredictiveResult.alertLabels(e.rule(), e.series()).toMap());
            a.put("firing", Instant.ofEpochMilli(e.firingAtMs()).toString());
            a.put("resolved", e.resolvedAtMs() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(e.resolvedAtMs()).toString());
            a.put("predictedCrossing", Instant.ofEpochMilli(e.predictedCrossingAtMs()).toString());
            a.put("leadTimeSeconds", e.predictedLeadTime().toSeconds());
            a.put("confidence", Math.round(e.confidence() * 1000) / 1000.0);
            a.put("threshold", e.rule().threshold());
            a.put("actualCrossing", e.confirmed() ? Instant.ofEpochMilli(e.actualCrossingAtMs()).toString() : null);
            alerts.add(a);
        }
        json.put("alerts", alerts);
        json.put("pendingButNeverFired", r.pendingOnly());
        List<Map<String, Object>> failures = new ArrayList<>();
        for (RuleHealth h : r.failures()) {
            failures.add(Map.of("rule", h.rule(), "group", h.group(), "location", h.location(), "error", h.error(),
                    "at", Instant.ofEpochMilli(h.lastEvaluationMs()).toString()));
        }
        json.put("failedRules", failures);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (out != null) {
            try (Writer w = Files.newBufferedWriter(out)) {
                mapper.writeValue(w, json);
            }
        } else {
            PrintWriter o = spec.commandLine().getOut();
            o.println(mapper.writeValueAsString(json));
            o.flush();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
