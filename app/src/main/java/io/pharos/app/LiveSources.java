package io.pharos.app;

import io.pharos.client.SourcesDocument;
import io.pharos.client.SourcesFile;
import io.pharos.client.StoreNewestSamples;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.agent.AgentSource;
import io.pharos.client.prometheus.PrometheusSource;
import io.pharos.client.scrape.ScrapeSource;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.config.ConfigException;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.pipeline.ReceivedAlerts;
import io.pharos.views.status.SourceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live sources as its settings file says, running: started at launch, and when the
 * status screen adds, edits or removes one, the file written first, then what changed stopped and
 * started (an unchanged source keeps running, its connection and counters intact).
 */
final class LiveSources implements SourceSettings {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSources.class);
    private final PharosEngine engine;
    private final ReceivedAlerts received;
    private SourcesDocument document;
    /** By source name: the settings it runs with and the source. Guarded by this. */
    private final Map<String, Running> running = new LinkedHashMap<>();
    /** The entries of the running sources, for the FX thread: read without waiting for a save. */
    private volatile Map<String, Entry> entries = Map.of();
    private boolean closed;

    private record Running(SourcesDocument.Entry entry, Source source) {
    }

    private LiveSources(PharosEngine engine, SourcesDocument document, ReceivedAlerts received) {
        this.engine = engine;
        this.document = document;
        this.received = received;
    }

    /**
     * Starts the sources of {@code file} (none when it does not exist yet).
     *
     * @param received where Alertmanager's alerts go; null when alerting is off
     */
    static LiveSources start(PharosEngine engine, Path file, ReceivedAlerts received) throws ConfigException {
        LiveSources live = new LiveSources(engine, SourcesDocument.load(file), received);
        String problem = live.apply(live.document, null);
        if (!problem.isEmpty()) {
            LOG.warn("A live source does not run: {}", problem);
        }
        return live;
    }

    /**
     * Stops what ran and starts what the document says; unchanged sources go on, but {@code restart}
     * (the one just saved: its token file may have changed) starts again. Returns the problem of a
     * source that could not start, or "".
     */
    private synchronized String apply(SourcesDocument next, String restart) throws ConfigException {
        SourcesFile.Sources sources = next.sources();
        document = next;
        Map<String, SourcesDocument.Entry> wanted = new LinkedHashMap<>();
        for (SourcesDocument.Entry e : next.entries()) {
            wanted.put(sourceName(e), e);
        }
        for (var it = running.entrySet().iterator(); it.hasNext(); ) {
            var r = it.next();
            SourcesDocument.Entry w = wanted.get(r.getKey());
            if (w == null || !r.getValue().entry().equals(w) || r.getKey().equals(restart)) {
                engine.stop(r.getValue().source());
                it.remove();
                if (r.getValue().source() instanceof PrometheusSource p && (w == null
                        || !"true".equals(w.fields().get("alerts")))) {
                    p.resolveItsAlerts(); // gone from the settings: what it told is over
                }
                LOG.info("Source {} stopped", r.getKey());
            }
        }
        String problem = "";
        for (var w : wanted.entrySet()) {
            if (!running.containsKey(w.getKey())) {
                try {
                    Source s = create(w.getValue(), sources);
                    engine.start(s);
                    running.put(w.getKey(), new Running(w.getValue(), s));
                    if (s.status().state() == io.pharos.engine.ingest.SourceStatus.State.FAILED) {
                        problem = s.status().message();
                    }
                } catch (RuntimeException e) {
                    LOG.error("Source {} could not start", w.getKey(), e);
                    problem = w.getKey() + " could not start: " + e.getMessage();
                }
            }
        }
        Map<String, Entry> view = new LinkedHashMap<>();
        running.forEach((name, r) -> view.put(name, new Entry(r.entry().kind().key(), r.entry().fields())));
        entries = Map.copyOf(view);
        return problem;
    }

    /** No more changes: the console closes (a save under way finishes first). */
    synchronized void close() {
        closed = true;
    }

    private static String sourceName(SourcesDocument.Entry e) {
        return e.kind().single() ? AlertReceiverSource.NAME : e.name().strip();
    }

    private Source create(SourcesDocument.Entry e, SourcesFile.Sources sources) {
        String name = e.name().strip();
        Clock clock = Clock.systemUTC();
        return switch (e.kind()) {
            case AGENT -> {
                AgentEndpoint a = sources.agents().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
                yield new AgentSource(a, new StoreNewestSamples(engine.store()), engine.historySink(), clock);
            }
            case SCRAPE -> {
                SourcesFile.ScrapeTarget t = sources.scrapes().stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow();
                yield new ScrapeSource(t.name(), t.url(), t.interval(), t.timeout(), t.labels(), clock);
            }
            case PROMETHEUS -> {
                PrometheusSource.Settings p = sources.prometheus().stream().filter(x -> x.name().equals(name))
                        .findFirst().orElseThrow();
                yield new PrometheusSource(p, new StoreNewestSamples(engine.store()), engine.historySink(), clock,
                        received);
            }
            case ALERTMANAGER -> new AlertReceiverSource(sources.alertmanager(), received);
        };
    }

    /** The settings file, the home folder written as ~ (shorter, and the same on every user's screen). */
    @Override
    public String where() {
        Path file = document.file().toAbsolutePath();
        Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath();
        return file.startsWith(home) && !home.toString().equals("/")
                ? "~" + java.io.File.separator + home.relativize(file) : file.toString();
    }

    @Override
    public List<Kind> kinds() {
        List<Kind> out = new ArrayList<>();
        for (SourcesDocument.Kind k : SourcesDocument.Kind.values()) {
            out.add(new Kind(k.key(), k.title(), k.fields().stream()
                    .map(f -> new Field(f.key(), f.required(), f.lines(), f.hint())).toList(), k.single()));
        }
        return out;
    }

    @Override
    public Optional<Entry> entryOf(String sourceName) {
        return Optional.ofNullable(entries.get(sourceName));
    }

    @Override
    public synchronized Outcome save(Entry original, Entry updated) {
        if (closed) {
            return new Outcome(false, "Not saved: the console is closing.");
        }
        SourcesDocument.Entry after = toDocument(updated);
        try {
            SourcesDocument next = document.with(original == null ? null : toDocument(original), after);
            next.save();
            String problem = apply(next, sourceName(after));
            return new Outcome(true, "Saved in " + where() + ": " + sourceName(after) + " "
                    + (original == null ? "started" : "restarted with its settings")
                    + (problem.isEmpty() ? "." : ", but it does not run: " + problem));
        } catch (ConfigException e) {
            return new Outcome(false, e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, "Not saved: " + where() + " cannot be written (" + e.getMessage() + ").");
        }
    }

    @Override
    public synchronized Outcome remove(Entry entry) {
        if (closed) {
            return new Outcome(false, "Not removed: the console is closing.");
        }
        SourcesDocument.Entry gone = toDocument(entry);
        try {
            SourcesDocument next = document.without(gone);
            next.save();
            apply(next, null);
            return new Outcome(true, sourceName(gone) + " removed from " + where() + " and stopped; what it took"
                    + " stays in the store.");
        } catch (ConfigException e) {
            return new Outcome(false, e.getMessage());
        } catch (IOException e) {
            return new Outcome(false, "Not removed: " + where() + " cannot be written (" + e.getMessage() + ").");
        }
    }

    private static SourcesDocument.Entry toDocument(Entry e) {
        for (SourcesDocument.Kind k : SourcesDocument.Kind.values()) {
            if (k.key().equals(e.kind())) {
                return new SourcesDocument.Entry(k, e.fields());
            }
        }
        throw new IllegalArgumentException("no kind of source " + e.kind());
    }
}
