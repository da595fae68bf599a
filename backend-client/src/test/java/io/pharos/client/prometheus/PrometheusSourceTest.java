package io.pharos.client.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.client.NewestSamples;
import io.pharos.engine.ingest.HistorySink;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.ingest.SourceStatus;
import io.pharos.engine.model.SeriesKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus source against a fake server that evaluates {@code up} of two targets at any time
 * (its value: the time's seconds / 15): what reaches the console, under which labels, with which
 * queries, and that a gap is filled so that no step is missing.
 */
class PrometheusSourceTest {
    private static final long T0 = 1_700_000_100_000L; // a multiple of 15 s
    private final MockWebServer server = new MockWebServer();
    private final FakePrometheus prometheus = new FakePrometheus();
    private final MutableClock clock = new MutableClock(T0 + 4_000);
    private final List<SampleBatch> batches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server.setDispatcher(prometheus);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PrometheusSource source(List<PrometheusQuery> queries, NewestSamples newest, HistorySink history) {
        LabelMapping labels = new LabelMapping(Map.of("region", "cluster"), Map.of("provider", "aws"));
        return new PrometheusSource(new PrometheusSource.Settings("prom-eu", PrometheusEndpoint.of(server.url("/")),
                queries, Duration.ofSeconds(15), Duration.ofMinutes(1), labels), newest, history, clock);
    }

    /** Every sample received, by series, as time → value. */
    private Map<SeriesKey, TreeMap<Long, Double>> received() {
        Map<SeriesKey, TreeMap<Long, Double>> out = new TreeMap<>(java.util.Comparator.comparing(SeriesKey::toString));
        for (SampleBatch b : batches) {
            for (int i = 0; i < b.size(); i++) {
                out.computeIfAbsent(b.key(i), k -> new TreeMap<>()).put(b.timestamp(i), b.value(i));
            }
        }
        return out;
    }

    @Test
    void aFreshConsoleGetsTheBackfillByRangeThenEachStepByAnInstantQuery() throws Exception {
        PrometheusSource source = source(List.of(PrometheusQuery.of("up")), NewestSamples.NONE, HistorySink.NONE);
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(prometheus.asked).as("one step first, to learn how many series; then the rest in one range")
                .containsExactly("query up @" + (T0 - 60_000), "query_range up " + (T0 - 45_000) + ".." + T0
                        + " step 15000");

        clock.set(T0 + 15_000 + 3_000);
        source.cycle(batches::add, T0 + 15_000);
        assertThat(prometheus.asked).last().isEqualTo("query up @" + (T0 + 15_000));

        Map<SeriesKey, TreeMap<Long, Double>> got = received();
        assertThat(got).hasSize(2);
        SeriesKey web = SeriesKey.of("up", "cluster", "eu-1", "instance", "web:9100", "job", "node",
                "prometheus", "prom-eu", "provider", "aws", "region", "eu-1");
        assertThat(got).containsKey(web);
        assertThat(got.get(web).keySet()).containsExactly(T0 - 60_000, T0 - 45_000, T0 - 30_000, T0 - 15_000, T0,
                T0 + 15_000);
        assertThat(got.get(web).get(T0)).isEqualTo(T0 / 15_000.0);
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.RUNNING);
        assertThat(source.status().message()).contains("2 series from 1 query every 15 s");
    }

    @Test
    void aRestartedConsoleAsksFromWhereItsStoreEnds() throws Exception {
        NewestSamples stored = new NewestSamples() {
            @Override
            public long newestOf(SeriesKey key) {
                return Long.MIN_VALUE;
            }

            @Override
            public long newestOf(String label, String value) {
                return label.equals("prometheus") && value.equals("prom-eu") ? T0 - 30_000 : Long.MIN_VALUE;
            }
        };
        PrometheusSource source = source(List.of(PrometheusQuery.of("up")), stored, HistorySink.NONE);
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(prometheus.asked).containsExactly("query up @" + (T0 - 15_000), "query up @" + T0);
    }

    @Test
    void aServerDownForAWhileLeavesNoHoleOnceItAnswers() throws Exception {
        PrometheusSource source = source(List.of(PrometheusQuery.of("up")), NewestSamples.NONE, HistorySink.NONE);
        source.begin();
        source.cycle(batches::add, T0);
        prometheus.down = true;
        source.cycle(batches::add, T0 + 15_000);
        source.cycle(batches::add, T0 + 30_000);
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.FAILED);
        assertThat(source.status().message()).startsWith("Busy:").contains("not ready");
        prometheus.down = false;
        source.cycle(batches::add, T0 + 45_000);
        assertThat(prometheus.asked).last().isEqualTo("query_range up " + (T0 + 15_000) + ".." + (T0 + 45_000)
                + " step 15000");
        for (TreeMap<Long, Double> series : received().values()) {
            assertThat(series.keySet()).containsExactly(T0 - 60_000, T0 - 45_000, T0 - 30_000, T0 - 15_000, T0,
                    T0 + 15_000, T0 + 30_000, T0 + 45_000);
        }
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.RUNNING);
    }

    @Test
    void aRefusedQueryDoesNotStopTheOthersAndIsNamed() throws Exception {
        PrometheusSource source = source(List.of(PrometheusQuery.of("up"), PrometheusQuery.of("up{")),
                NewestSamples.NONE, HistorySink.NONE);
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(received()).hasSize(2);
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.RUNNING);
        assertThat(source.status().message()).startsWith("1 of 2 queries answer.")
                .contains("refused the query 'up{'", "bad_data");
    }

    @Test
    void anExpressionsSeriesTakeTheRecordNameAndWithoutOneTheSourceSaysSo() throws Exception {
        PrometheusSource named = source(List.of(new PrometheusQuery("job:up:sum", "sum by (job) (up)")),
                NewestSamples.NONE, HistorySink.NONE);
        named.begin();
        named.cycle(batches::add, T0);
        assertThat(received().keySet()).extracting(SeriesKey::metric).containsOnly("job:up:sum");
        assertThat(received().keySet().iterator().next().label("job")).isEqualTo("node");

        PrometheusSource unnamed = source(List.of(PrometheusQuery.of("sum by (job) (up)")), NewestSamples.NONE,
                HistorySink.NONE);
        unnamed.begin();
        unnamed.cycle(batches::add, T0);
        assertThat(unnamed.status().state()).isEqualTo(SourceStatus.State.FAILED);
        assertThat(unnamed.status().message()).contains("without a name", "record");
    }

    @Test
    void samplesOlderThanTheLivePathTakesGoToHistory() throws Exception {
        List<String> history = new ArrayList<>();
        HistorySink sink = new HistorySink() {
            @Override
            public long liveFloorMs() {
                return T0 - 20_000;
            }

            @Override
            public void write(SeriesKey key, long[] ts, double[] values, int count) {
                for (int i = 0; i < count; i++) {
                    history.add(key.label("instance") + "@" + ts[i]);
                }
            }
        };
        PrometheusSource source = source(List.of(PrometheusQuery.of("up")), NewestSamples.NONE, sink);
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(history).containsExactlyInAnyOrder("web:9100@" + (T0 - 60_000), "web:9100@" + (T0 - 45_000),
                "web:9100@" + (T0 - 30_000), "db:9100@" + (T0 - 60_000), "db:9100@" + (T0 - 45_000),
                "db:9100@" + (T0 - 30_000));
        for (TreeMap<Long, Double> series : received().values()) {
            assertThat(series.keySet()).containsExactly(T0 - 15_000, T0);
        }
        assertThat(source.status().samplesProduced()).isEqualTo(10);
    }

    @Test
    void aLongGapIsAskedInChunksPrometheusAccepts() throws Exception {
        clock.set(T0);
        PrometheusSource source = oneSecond(Duration.ofHours(4));
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(prometheus.asked).hasSizeGreaterThan(2);
        assertThat(points(prometheus.asked)).isEqualTo(4 * 3600 + 1);
        for (String a : prometheus.asked) {
            assertThat(steps(a)).isLessThanOrEqualTo(PrometheusClient.MAX_POINTS_PER_SERIES);
        }
        assertThat(received().values().iterator().next()).hasSize(4 * 3600 + 1);
    }

    @Test
    void aRangeTheServerFindsTooLargeIsAskedAgainInHalvesLeavingNoHole() throws Exception {
        clock.set(T0);
        prometheus.maxSteps = 100;
        PrometheusSource source = oneSecond(Duration.ofHours(1));
        source.begin();
        source.cycle(batches::add, T0);
        List<String> answered = prometheus.asked.stream().filter(a -> steps(a) <= 100).toList();
        assertThat(prometheus.asked.size()).as("some were refused").isGreaterThan(answered.size());
        assertThat(points(answered)).isEqualTo(3600 + 1);
        for (TreeMap<Long, Double> series : received().values()) {
            assertThat(series).hasSize(3600 + 1);
        }
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.RUNNING);
    }

    private static final String HOST_DOWN = """
            {"labels":{"alertname":"HostDown","instance":"web:9100","cluster":"eu-1","severity":"critical"},
             "annotations":{"summary":"web is down"},"state":"firing","activeAt":"2023-11-14T22:13:20Z","value":"0e+00"}""";
    private static final String PENDING = """
            {"labels":{"alertname":"DiskFilling","instance":"db:9100"},"annotations":{},"state":"pending",
             "activeAt":"2023-11-14T22:13:20Z","value":"9e-01"}""";

    /** An intake that keeps what it is told, and says which alerts it had firing before a restart. */
    private static final class Told implements io.pharos.engine.alerting.AlertIntake {
        final List<io.pharos.engine.alerting.ReceivedAlert> told = new ArrayList<>();
        List<io.pharos.engine.model.Labels> firingBefore = List.of();

        @Override
        public void receive(List<io.pharos.engine.alerting.ReceivedAlert> alerts) {
            told.addAll(alerts);
        }

        @Override
        public List<io.pharos.engine.model.Labels> firingFrom(String origin) {
            return origin.equals("Prometheus prom-eu") ? firingBefore : List.of();
        }
    }

    private PrometheusSource withAlerts(Told intake) {
        LabelMapping labels = new LabelMapping(Map.of("region", "cluster"), Map.of());
        return new PrometheusSource(new PrometheusSource.Settings("prom-eu", PrometheusEndpoint.of(server.url("/")),
                List.of(PrometheusQuery.of("up")), Duration.ofSeconds(15), Duration.ZERO, labels, true),
                NewestSamples.NONE, HistorySink.NONE, clock, intake);
    }

    @Test
    void theServersFiringAlertsJoinTheQueueWithMappedLabelsAndLeaveItResolved() throws Exception {
        Told intake = new Told();
        prometheus.alerts = "[" + HOST_DOWN + "," + PENDING + "]";
        PrometheusSource source = withAlerts(intake);
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(intake.told).singleElement().satisfies(a -> {
            assertThat(a.alertname()).isEqualTo("HostDown");
            assertThat(a.origin()).isEqualTo("Prometheus prom-eu");
            assertThat(a.labels().get("region")).isEqualTo("eu-1");
            assertThat(a.labels().get("prometheus")).isEqualTo("prom-eu");
            assertThat(a.annotations()).containsEntry("summary", "web is down");
            assertThat(a.startsAtMs()).isEqualTo(1_700_000_000_000L);
            assertThat(a.endsAtMs()).isEqualTo(Long.MAX_VALUE);
        });
        source.cycle(batches::add, T0 + 15_000);
        assertThat(intake.told).as("unchanged: nothing told again before ten minutes").hasSize(1);
        prometheus.alerts = "[" + PENDING + "]";
        clock.set(T0 + 30_000);
        source.cycle(batches::add, T0 + 30_000);
        assertThat(intake.told).hasSize(2);
        assertThat(intake.told.get(1).endsAtMs()).as("resolved when the server no longer has it").isEqualTo(T0 + 30_000);

        prometheus.alerts = "[" + HOST_DOWN + "]";
        clock.set(T0 + 45_000);
        source.cycle(batches::add, T0 + 45_000);
        assertThat(intake.told).as("fires again").hasSize(3);
        clock.set(T0 + 45_000 + 11 * 60_000);
        source.cycle(batches::add, T0 + 45_000 + 11 * 60_000);
        assertThat(intake.told).as("told again after ten minutes, so that the queue does not take it for stale")
                .hasSize(4);
        assertThat(intake.told.get(3).endsAtMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(intake.told.get(3).receivedAtMs()).isEqualTo(T0 + 45_000 + 11 * 60_000);

        source.resolveItsAlerts();
        assertThat(intake.told).as("a source taken out of the settings resolves what it told").hasSize(5);
        assertThat(intake.told.get(4).endsAtMs()).isEqualTo(clock.millis());
    }

    @Test
    void anAlertToldBeforeARestartThatTheServerNoLongerHasIsResolved() throws Exception {
        Told intake = new Told();
        io.pharos.engine.model.Labels gone = io.pharos.engine.model.Labels.of("alertname", "Old", "prometheus", "prom-eu");
        intake.firingBefore = List.of(gone);
        PrometheusSource source = withAlerts(intake);
        source.begin();
        source.cycle(batches::add, T0);
        assertThat(intake.told).singleElement().satisfies(a -> {
            assertThat(a.labels()).isEqualTo(gone);
            assertThat(a.endsAtMs()).isEqualTo(clock.millis());
        });
    }

    private PrometheusSource oneSecond(Duration backfill) {
        return new PrometheusSource(new PrometheusSource.Settings("prom-eu",
                PrometheusEndpoint.of(server.url("/")), List.of(PrometheusQuery.of("up")), Duration.ofSeconds(1),
                backfill, LabelMapping.NONE), NewestSamples.NONE, HistorySink.NONE, clock);
    }

    /** Points a question asked for: 1 for an instant query. */
    private static long steps(String asked) {
        if (asked.startsWith("query ")) {
            return 1;
        }
        String[] range = asked.split(" ")[2].split("\\.\\.");
        return (Long.parseLong(range[1]) - Long.parseLong(range[0])) / 1000 + 1;
    }

    private static long points(List<String> asked) {
        return asked.stream().mapToLong(PrometheusSourceTest::steps).sum();
    }

    /** Evaluates {@code up} of two targets at any time; {@code up{} is refused; down answers 503. */
    private static final class FakePrometheus extends Dispatcher {
        final List<String> asked = new CopyOnWriteArrayList<>();
        volatile boolean down;
        /** Ranges of more steps are refused as Prometheus refuses too many samples (422, execution). */
        volatile long maxSteps = Long.MAX_VALUE;

        /** What api/v1/alerts answers, its "alerts" array. */
        volatile String alerts = "[]";

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            if (request.getUrl().encodedPath().endsWith("/alerts")) {
                return json(200, "{\"status\":\"success\",\"data\":{\"alerts\":" + alerts + "}}");
            }
            Map<String, String> form = new TreeMap<>();
            for (String kv : request.getBody().utf8().split("&")) {
                String[] p = kv.split("=", 2);
                form.put(p[0], java.net.URLDecoder.decode(p[1], java.nio.charset.StandardCharsets.UTF_8));
            }
            if (down) {
                return json(503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"not ready\"}");
            }
            String query = form.get("query");
            if (query.equals("up{")) {
                return json(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"unexpected end of input\"}");
            }
            boolean sum = query.startsWith("sum by (job)");
            List<String[]> targets = sum ? List.<String[]>of(new String[] {"{\"job\":\"node\"}"})
                    : List.of(new String[] {"{\"__name__\":\"up\",\"job\":\"node\",\"instance\":\"web:9100\",\"cluster\":\"eu-1\"}"},
                            new String[] {"{\"__name__\":\"up\",\"job\":\"node\",\"instance\":\"db:9100\",\"cluster\":\"eu-1\"}"});
            StringBuilder out = new StringBuilder("{\"status\":\"success\",\"data\":{");
            String path = request.getUrl().encodedPath();
            if (path.endsWith("/query")) {
                long t = millis(form.get("time"));
                asked.add("query " + query + " @" + t);
                out.append("\"resultType\":\"vector\",\"result\":[");
                for (int i = 0; i < targets.size(); i++) {
                    out.append(i == 0 ? "" : ",").append("{\"metric\":").append(targets.get(i)[0])
                            .append(",\"value\":[").append(t / 1000.0).append(",\"").append(t / 15_000.0).append("\"]}");
                }
            } else {
                long start = millis(form.get("start"));
                long end = millis(form.get("end"));
                long step = millis(form.get("step"));
                asked.add("query_range " + query + " " + start + ".." + end + " step " + step);
                if ((end - start) / step + 1 > maxSteps) {
                    return json(422, "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing"
                            + " would load too many samples into memory in query execution\"}");
                }
                out.append("\"resultType\":\"matrix\",\"result\":[");
                for (int i = 0; i < targets.size(); i++) {
                    out.append(i == 0 ? "" : ",").append("{\"metric\":").append(targets.get(i)[0]).append(",\"values\":[");
                    for (long t = start; t <= end; t += step) {
                        out.append(t == start ? "" : ",").append("[").append(t / 1000.0).append(",\"")
                                .append(t / 15_000.0).append("\"]");
                    }
                    out.append("]}");
                }
            }
            return json(200, out.append("]}}").toString());
        }

        private static long millis(String seconds) {
            return new java.math.BigDecimal(seconds).movePointRight(3).longValueExact();
        }

        private static MockResponse json(int code, String body) {
            return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
        }
    }

    private static final class MutableClock extends Clock {
        private volatile long now;

        MutableClock(long now) {
            this.now = now;
        }

        void set(long ms) {
            now = ms;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }
    }
}
