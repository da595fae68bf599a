package io.pharos.app;

import io.pharos.engine.dashboard.DashboardConfig;
import io.pharos.engine.snapshot.ExportRequest;
import io.pharos.engine.snapshot.Manifest;
import io.pharos.engine.snapshot.ManifestJson;
import io.pharos.engine.snapshot.OpenedSnapshot;
import io.pharos.engine.snapshot.Redaction;
import io.pharos.engine.snapshot.SnapshotDiff;
import io.pharos.engine.snapshot.SnapshotExporter;
import io.pharos.engine.snapshot.SnapshotInspection;
import io.pharos.engine.snapshot.SnapshotKeys;
import io.pharos.engine.snapshot.SnapshotSettings;
import io.pharos.engine.store.PrintableText;
import io.pharos.engine.store.SeriesRef;
import io.pharos.engine.store.SnapshotFileException;
import io.pharos.engine.store.SnapshotFileReader;
import io.pharos.engine.store.StateStore;
import io.pharos.engine.store.TimeSeriesStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** Offline snapshots: one file with a time range of the store and the state of alerts and incidents. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Offline snapshots: export a time range to one file anyone can open, inspect a file.",
        subcommands = {SnapshotCommand.Export.class, SnapshotCommand.Inspect.class, SnapshotCommand.Diff.class,
            SnapshotCommand.Keygen.class})
final class SnapshotCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    PharosCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** How a key file is read. */
    @FunctionalInterface
    interface KeyReader<K> {
        K read(Path file) throws java.io.IOException;
    }

    /** A key from its file, or a message that says why it cannot be used. */
    static <K> K key(Path file, KeyReader<K> reader) {
        try {
            return reader.read(file);
        } catch (java.io.IOException e) {
            throw new UserFacingException("Cannot read the key " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage() + ".", e);
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {
                "Writes the metrics of a time range, the alerts with their history, silences, acknowledgements and",
                "incidents with their timelines into one snapshot file (docs/snapshots.md). Receivers' addresses and",
                "tokens of notifications are never written. The file appears complete or not at all.",
            })
    static final class Export implements Callable<Integer> {
        @CommandLine.ParentCommand
        SnapshotCommand snapshot;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--from", paramLabel = "TIME",
                description = "Start: an ISO-8601 instant (2026-11-17T12:00:00Z) or a duration before --to (24h)."
                        + " Default: 1h.")
        String from = "1h";

        @Option(names = "--to", paramLabel = "TIME", description = "End: an ISO-8601 instant, or now (the default).")
        String to = "now";

        @Option(names = "--resolution", paramLabel = "STEP",
                description = "The metrics' step: a duration of at least 1s (each step holds the average of its samples),"
                        + " or raw for the samples as stored (default: ${DEFAULT-VALUE}).")
        String resolution = "10s";

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The snapshot file to write.")
        Path out;

        @Option(names = "--note", paramLabel = "TEXT", description = "A note for whoever opens the snapshot.")
        String note;

        @Option(names = "--force", description = "Replace --out when it exists.")
        boolean force;

        @Option(names = "--redact-hosts", description = "Replace host names (the host label, and wherever a host"
                + " name appears in other labels, alerts and incidents) with stable pseudonyms.")
        boolean redactHosts;

        @Option(names = "--redact-label", paramLabel = "NAME",
                description = "Replace the values of this label too (repeat for several).")
        List<String> redactLabels = new ArrayList<>();

        @Option(names = "--redaction-key", paramLabel = "FILE",
                description = "The secret pseudonyms are made with (default: the data directory's own, made on first"
                        + " use): the same key gives the same pseudonyms, so snapshots made with it compare.")
        Path redactionKey;

        @Option(names = "--sign", paramLabel = "KEY",
                description = "Sign with this Ed25519 private key (PEM; its public key in KEY.pub, as `snapshot keygen`"
                        + " writes them), so that a receiver can check who made the file.")
        Path sign;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            PharosCommand root = snapshot.parent;
            Instant end = TimeOption.parse(to, "--to", null);
            Instant start = TimeOption.parse(from, "--from", end);
            if (!start.isBefore(end)) {
                throw new UserFacingException("--from (" + start + ") must be before --to (" + end + ").");
            }
            Duration step = "raw".equals(resolution.toLowerCase(Locale.ROOT)) ? Duration.ZERO
                    : DurationConverter.parse(resolution);
            if (!step.isZero() && step.toMillis() < 1_000) {
                throw new UserFacingException("--resolution must be at least 1s, or raw (got " + resolution + ").");
            }
            if (Files.exists(out) && !force) {
                throw new UserFacingException(out + " exists. Choose another --out, or add --force to replace it.");
            }
            if (Files.isDirectory(out)) {
                throw new UserFacingException(out + " is a directory: --out names the snapshot file to write.");
            }
            if (!Files.isDirectory(root.dataDir.resolve(TimeSeriesStore.FILE_NAME).getParent())
                    || !Files.exists(root.dataDir.resolve(TimeSeriesStore.FILE_NAME))) {
                throw new UserFacingException("No store in " + root.dataDir + " to export from. Give the data directory"
                        + " the console uses with --data-dir.");
            }
            SnapshotKeys.SigningKey key = sign == null ? null : key(sign, SnapshotKeys::load);
            long began = System.nanoTime();
            try (TimeSeriesStore store = TimeSeriesStore.open(root.dataDir, root.storeOptions());
                 StateStore state = Files.exists(root.dataDir.resolve(StateStore.FILE_NAME))
                         ? StateStore.open(root.dataDir) : null) {
                List<io.pharos.engine.rules.RuleGroup> rules = RuleFiles.load(root.rules).groups();
                ExportRequest request = new ExportRequest(start.toEpochMilli(), end.toEpochMilli(), step, note,
                        VersionProvider.version(), ZoneId.systemDefault(), List.of(), key,
                        redaction(store, root.dataDir), new SnapshotSettings.InUse(rules, DashboardConfig.DEFAULTS));
                // Alerting does not run here: the queue is the one the state file tells, as of now.
                java.util.function.Supplier<List<io.pharos.engine.pipeline.AlertRow>> queue = state == null ? List::of
                        : () -> state.read(r -> io.pharos.engine.pipeline.SavedQueue.read(r, rules,
                                System.currentTimeMillis(), state.file().toString()));
                SnapshotExporter.Result result = new SnapshotExporter(store, state, queue, Clock.systemUTC())
                        .export(request, out, (done, total, samples) -> {
                            if (done % 500 == 0 || done == total) {
                                err.printf("\r  %5.1f %%  %,d of %,d series, %,d samples", 100.0 * done / total, done,
                                        total, samples);
                                err.flush();
                            }
                        }, () -> false);
                err.println();
                Manifest m = result.manifest();
                double seconds = (System.nanoTime() - began) / 1e9;
                long kept = m.content().samples() + m.content().buckets();
                err.printf(Locale.ROOT, "Wrote %s: %,d series, %,d samples and %,d steps, %s (%.2f bytes each) in %.1f s.%n",
                        out, m.content().series(), m.content().samples(), m.content().buckets(),
                        Inspect.size(result.fileBytes()), kept == 0 ? 0.0 : (double) result.fileBytes() / kept, seconds);
                err.println("SHA-256 " + result.sha256() + (key == null ? ", not signed."
                        : ", signed by " + key.fingerprint() + "."));
                if (kept == 0) {
                    err.println("note: the store holds no samples between " + start + " and " + end + ".");
                }
            }
            return 0;
        }

        private Redaction redaction(TimeSeriesStore store, Path dataDir) {
            List<String> labels = new ArrayList<>(redactLabels);
            if (redactHosts) {
                labels.add("host");
            }
            for (String l : labels) {
                if (!l.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new UserFacingException("--redact-label '" + l + "' is not a label name.");
                }
            }
            if (labels.isEmpty()) {
                if (redactionKey != null) {
                    throw new UserFacingException("--redaction-key without --redact-hosts or --redact-label redacts"
                            + " nothing: add what to redact.");
                }
                return null;
            }
            byte[] key = RedactionKey.read(redactionKey != null ? redactionKey : dataDir.resolve(RedactionKey.FILE_NAME),
                    redactionKey == null);
            return new Redaction(labels, key, store.select(List.of()).stream().map(SeriesRef::key).toList());
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = {
                "Compares two snapshots, or one with the live data (--live): the executive figures (cost among them)",
                "and each region's, computed over each side's range as the console computes them; alerts new and gone;",
                "incidents new, gone and changed; silences and rules new and gone. Reads everything read-only.",
            })
    static final class Diff implements Callable<Integer> {
        @CommandLine.ParentCommand
        SnapshotCommand snapshot;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A", description = "The earlier snapshot (the one compared from).")
        Path a;

        @Parameters(index = "1", paramLabel = "B", arity = "0..1", description = "The later snapshot (not with --live).")
        Path b;

        @Option(names = "--live", description = "Compare A with the live data: the data directory's store over A's"
                + " range, and its alerts, incidents, silences and rules (--rules) as they are now.")
        boolean live;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (live == (b != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Give B, the snapshot to compare A with, or --live to compare A with the live data.");
            }
            SnapshotDiff d;
            try (OpenedSnapshot x = OpenedSnapshot.open(a, SnapshotFileReader.Limits.DEFAULT)) {
                if (live) {
                    d = SnapshotDiff.of(SnapshotDiff.Compared.of(x),
                            live(snapshot.parent, x.manifest().fromMs(), x.manifest().toMs()));
                } else {
                    try (OpenedSnapshot y = OpenedSnapshot.open(b, SnapshotFileReader.Limits.DEFAULT)) {
                        d = SnapshotDiff.of(x, y);
                    }
                }
            }
            if (json) {
                out.println(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(d));
            } else {
                SnapshotDiffText.print(d, out);
            }
            out.flush();
            return 0;
        }
    }

    /**
     * The live side: the data directory's store over [fromMs, toMs], and the state file's alerts (the
     * queue it tells now), silences and incidents, with the rules of --rules.
     */
    static SnapshotDiff.Compared live(PharosCommand root, long fromMs, long toMs) {
        if (!Files.exists(root.dataDir.resolve(TimeSeriesStore.FILE_NAME))) {
            throw new UserFacingException("No store in " + root.dataDir + " to compare with. Give the data directory"
                    + " the console uses with --data-dir.");
        }
        List<io.pharos.engine.rules.RuleGroup> rules = RuleFiles.load(root.rules).groups();
        try (TimeSeriesStore store = TimeSeriesStore.open(root.dataDir, root.storeOptions());
             StateStore state = Files.exists(root.dataDir.resolve(StateStore.FILE_NAME))
                     ? StateStore.open(root.dataDir) : null) {
            String where = state == null ? "" : state.file().toString();
            List<io.pharos.engine.incident.Incident> incidents = state == null ? List.of()
                    : state.read(io.pharos.engine.incident.IncidentService::all);
            var dashboard = new io.pharos.engine.dashboard.DashboardService(
                    new io.pharos.engine.query.QueryService(store), state == null
                    ? io.pharos.engine.dashboard.IncidentSource.NOT_TRACKED : () -> incidents);
            return SnapshotDiff.Compared.live(dashboard, fromMs, toMs, state == null ? List.of()
                            : state.read(r -> io.pharos.engine.pipeline.SavedQueue.read(r, rules,
                            System.currentTimeMillis(), where)),
                    state == null ? List.of() : state.read(r -> io.pharos.engine.alerting.AlertStateStore.silences(r,
                            where)), rules, incidents);
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {
                "Makes an Ed25519 key pair to sign snapshots with: the private key in FILE (readable by you only),",
                "the public key in FILE.pub, to give to whoever checks your snapshots (inspect --trust FILE.pub).",
            })
    static final class Keygen implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private key.")
        Path out;

        @Override
        public Integer call() {
            SnapshotKeys.SigningKey key;
            try {
                key = SnapshotKeys.generate(out);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw new UserFacingException(e.getFile() + " exists: choose another --out (a key is never replaced).", e);
            } catch (java.io.IOException e) {
                throw new UserFacingException("Cannot write " + out + ": " + e.getMessage(), e);
            }
            spec.commandLine().getErr().println("Wrote " + out + " (private: keep it) and "
                    + SnapshotKeys.publicFileOf(out) + " (public: give it out). Fingerprint " + key.fingerprint() + ".");
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = {
                "Checks a snapshot file through and prints its manifest: whether the manifest and content still",
                "match their SHA-256 digest and counts, and whether SQLite finds the file sound. Never writes to it.",
                "Exit status: 0 sound, 1 changed or damaged, 2 not readable as a snapshot.",
            })
    static final class Inspect implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The snapshot file.")
        Path file;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Option(names = "--trust", paramLabel = "KEY.pub",
                description = "A public key whose signature you trust (repeat for several): the file must be signed by"
                        + " one of them.")
        List<Path> trust = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<java.security.PublicKey> trusted = new ArrayList<>();
            for (Path t : trust) {
                trusted.add(key(t, SnapshotKeys::loadPublic));
            }
            SnapshotInspection i;
            try {
                i = SnapshotInspection.of(file, SnapshotFileReader.Limits.DEFAULT, trusted);
            } catch (SnapshotFileException e) {
                if (e.kind() != SnapshotFileException.Kind.DAMAGED) {
                    throw e; // not readable as a snapshot: status 2
                }
                spec.commandLine().getErr().println("pharos: " + e.getMessage());
                return 1;
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("file", file.toString());
                doc.put("fileBytes", i.fileBytes());
                doc.put("manifest", com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                        .readTree(ManifestJson.write(i.manifest())));
                doc.put("sha256", i.storedDigest());
                doc.put("digestMatches", i.digestMatches());
                doc.put("structure", i.found().structure());
                doc.put("signature", i.signature().map(v -> Map.of("valid", v.valid(), "fingerprint", v.fingerprint(),
                        "trusted", v.trusted())).orElse(null));
                doc.put("ok", i.ok());
                doc.put("problems", i.problems());
                out.println(com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
                        .writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } else {
                text(out, i);
            }
            out.flush();
            return i.ok() ? 0 : 1;
        }

        private static void text(PrintWriter out, SnapshotInspection i) {
            Manifest m = i.manifest();
            Manifest.Content c = m.content();
            out.printf("Snapshot   %s (%s)%n", i.file(), size(i.fileBytes()));
            out.printf("Format     %s %d, made by %s %s%n", m.format(), m.formatVersion(), shown(m.application()),
                    shown(m.applicationVersion()));
            out.printf("Created    %s (its maker's zone: %s)%n", m.createdAt(), m.createdZone());
            out.printf("Range      %s to %s (UTC), %s%n", Instant.ofEpochMilli(m.fromMs()), Instant.ofEpochMilli(m.toMs()),
                    m.raw() ? "raw samples" : "steps of " + Duration.ofMillis(m.resolutionMs()).toString()
                            .substring(2).toLowerCase(Locale.ROOT));
            out.printf("Sources    %s%n", m.sources().isEmpty() ? "none" : String.join(", ", m.sources().stream()
                    .map(s -> shown(s.name()) + (s.simulated() && !s.name().contains("simulated") ? " (simulated)" : ""))
                    .toList()));
            out.printf(Locale.ROOT, "Holds      %,d series: %,d samples in %,d chunks, %,d steps (count, min, max, sum) in %,d"
                    + " rollups; %,d state records, %,d log entries%n", c.series(), c.samples(), c.chunks(), c.buckets(),
                    c.rollups(), c.records(), c.logs());
            if (m.redaction() != null) {
                out.printf("Redacted   the values of %s are pseudonyms (key %s)%n", String.join(", ", m.redaction().labels()),
                        m.redaction().keyFingerprint());
            }
            if (m.note() != null && !m.note().isBlank()) {
                out.printf("Note       %s%n", PrintableText.of(m.note(), 2_000));
            }
            out.printf("Digest     SHA-256 %s: %s%n", i.storedDigest(), i.digestMatches()
                    ? "matches the manifest and content" : "does NOT match the manifest and content");
            out.printf("Structure  %s%n", i.found().structureOk() ? "sound (SQLite's quick check)"
                    : PrintableText.of(i.found().structure(), 400));
            out.printf("Signature  %s%n", i.signature().map(v -> !v.valid() ? "does NOT hold (" + v.fingerprint() + ")"
                    : v.trusted() ? "valid, by a trusted key (" + v.fingerprint() + ")"
                    : "valid, by key " + v.fingerprint() + " (give --trust KEY.pub to check that it is one you trust)")
                    .orElse("none: the digest shows the file is unchanged since it was written, not who wrote it"));
            if (i.ok()) {
                out.println("Verdict    sound: unchanged since it was written.");
            } else {
                out.println("Verdict    NOT sound:");
                i.problems().forEach(p -> out.println("  - " + p));
            }
        }

        /** Text from the file, which anyone may have made: no control characters reach the terminal. */
        private static String shown(String s) {
            return PrintableText.of(s, 200);
        }

        static String size(long bytes) {
            if (bytes < 1024 * 1024) {
                return String.format(Locale.ROOT, "%,.1f KiB", bytes / 1024.0);
            }
            return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024));
        }
    }
}
