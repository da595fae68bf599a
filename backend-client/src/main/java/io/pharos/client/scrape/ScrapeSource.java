package io.pharos.client.scrape;

import io.pharos.client.ErrorBody;
import io.pharos.client.PeerProblem;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.Source;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.ingest.SourceThread;
import io.pharos.engine.ingest.SourceStatus.State;
import io.pharos.engine.model.Labels;
import io.pharos.engine.model.SeriesKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one Prometheus exporter (node_exporter and friends) every interval, as Prometheus does: its
 * text exposition format, each series labelled with {@code job} and {@code instance} (host:port), the
 * scrape's own {@code up}, {@code scrape_duration_seconds} and {@code scrape_samples_scraped}. A
 * sample without a timestamp gets the scrape's start. A failed scrape writes {@code up 0} and says why.
 */
public final class ScrapeSource implements Source {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeSource.class);
    /** A body larger than this fails the scrape: an exporter's page is a few hundred kilobytes. */
    public static final long MAX_BODY_BYTES = 32L << 20;
    public static final int MAX_SAMPLES = 500_000;

    private final String job;
    private final HttpUrl url;
    private final Duration interval;
    private final Clock clock;
    private final OkHttpClient http;
    private final ExpositionParser parser;
    private final Map<String, String> targetLabels;
    private final AtomicLong produced = new AtomicLong();
    private volatile SourceStatus status = SourceStatus.starting();
    private final SourceThread thread;

    /**
     * @param job    the source's name; its series' {@code job} label
     * @param labels further labels for every series (region, service…), which the exporter's own win over
     */
    public ScrapeSource(String job, HttpUrl url, Duration interval, Duration timeout, Map<String, String> labels,
                        Clock clock) {
        this.job = Objects.requireNonNull(job, "job");
        this.url = Objects.requireNonNull(url, "url");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("the interval must be positive and the timeout no longer than it");
        }
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putIfAbsent("job", job);
        all.putIfAbsent("instance", url.host() + ":" + url.port());
        this.targetLabels = Map.copyOf(all);
        this.parser = new ExpositionParser(targetLabels);
        this.thread = new SourceThread("pharos-scrape-" + job);
        this.http = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout).callTimeout(timeout)
                .retryOnConnectionFailure(false).build();
    }

    @Override
    public String name() {
        return job;
    }

    @Override
    public void start(SampleSink sink) {
        thread.start(() -> run(sink));
    }

    private void run(SampleSink sink) {
        long next = clock.millis();
        while (thread.running()) {
            try {
                scrapeOnce(sink);
                long now = clock.millis();
                next = Math.max(next + interval.toMillis(), now);
                Thread.sleep(Math.max(0, next - now));
            } catch (InterruptedException e) {
                break;
            }
        }
        status = new SourceStatus(State.STOPPED, produced.get(), status.lastSampleAtMs(), "");
    }

    /** One scrape into the sink: the exporter's samples and the scrape's own series. */
    void scrapeOnce(SampleSink sink) throws InterruptedException {
        long start = clock.millis();
        long began = System.nanoTime();
        SampleBatch.Builder batch = SampleBatch.builder(1024);
        String problem = null;
        try {
            scrape(start, batch);
        } catch (IOException e) {
            problem = PeerProblem.of(e, where()).message();
        } catch (ScrapeFailure e) {
            problem = e.getMessage();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        int scraped = problem == null ? batch.size() : 0;
        SampleBatch.Builder out = problem == null ? batch : SampleBatch.builder(3);
        out.add(own("up"), start, problem == null ? 1 : 0);
        out.add(own("scrape_duration_seconds"), start, seconds);
        out.add(own("scrape_samples_scraped"), start, scraped);
        sink.accept(out.build());
        long n = produced.addAndGet(out.size());
        if (problem == null) {
            status = new SourceStatus(State.RUNNING, n, clock.millis(), scraped + " samples every "
                    + interval.toSeconds() + " s from " + url);
        } else {
            if (!problem.equals(status.message())) {
                LOG.warn("Scrape {}: {}", job, problem);
            }
            status = new SourceStatus(State.FAILED, n, status.lastSampleAtMs(), problem);
        }
    }

    private void scrape(long start, SampleBatch.Builder batch) throws IOException {
        Request request = new Request.Builder().url(url)
                .header("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
                .header("X-Prometheus-Scrape-Timeout-Seconds", Long.toString(interval.toSeconds())).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new ScrapeFailure(PeerProblem.ofStatus(response.code(), where(), ErrorBody.message(response))
                        .message());
            }
            String type = response.header("Content-Type", "text/plain");
            if (type.startsWith("application/openmetrics-text") || type.startsWith("application/vnd.google")) {
                throw new ScrapeFailure(PeerProblem.malformed(where(), "it answered " + type
                        + " where the text exposition format (text/plain) was asked for").message());
            }
            BufferedSource body = response.body().source();
            long read = 0;
            int lineNo = 0;
            while (!body.exhausted()) {
                long end = body.indexOf((byte) '\n', 0, MAX_BODY_BYTES - read);
                if (end < 0 && body.getBuffer().size() >= MAX_BODY_BYTES - read) {
                    throw new ScrapeFailure(PeerProblem.malformed(where(), "the page is larger than "
                            + (MAX_BODY_BYTES >> 20) + " MiB").message());
                }
                String line = end < 0 ? body.readUtf8() : body.readUtf8(end);
                if (end >= 0) {
                    body.skip(1);
                }
                read += line.length() + 1;
                lineNo++;
                try {
                    parser.line(line, (key, ts, value) -> batch.add(key, ts == Long.MIN_VALUE ? start : ts, value));
                } catch (ExpositionParser.ExpositionException e) {
                    throw new ScrapeFailure(PeerProblem.malformed(where(), "line " + lineNo + ": "
                            + e.getMessage()).message());
                }
                if (batch.size() > MAX_SAMPLES) {
                    throw new ScrapeFailure(PeerProblem.malformed(where(), "more than " + MAX_SAMPLES
                            + " samples in one scrape").message());
                }
            }
        }
    }

    private SeriesKey own(String metric) {
        return new SeriesKey(metric, Labels.of(targetLabels));
    }

    private String where() {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    @Override
    public void stop() {
        thread.stop(() -> { });
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    private static final class ScrapeFailure extends RuntimeException {
        ScrapeFailure(String message) {
            super(message, null, false, false);
        }
    }
}
