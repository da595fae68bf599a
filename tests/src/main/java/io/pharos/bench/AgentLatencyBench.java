package io.pharos.bench;

import io.pharos.client.Secret;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.agent.AgentSource;
import io.pharos.client.StoreNewestSamples;
import io.pharos.engine.PharosEngine;
import io.pharos.engine.agent.AgentData;
import io.pharos.engine.agent.AgentOptions;
import io.pharos.engine.agent.AgentServer;
import io.pharos.engine.agent.BearerToken;
import io.pharos.engine.agent.SampleFeed;
import io.pharos.engine.ingest.SampleBatch;
import io.pharos.engine.model.SeriesKey;
import io.pharos.engine.store.StoreOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;

/**
 * From an agent taking a sample to the sample being queryable in the console: {@code --agents}
 * simulated agents on loopback, each a real engine (its own store, its HTTP server and stream) taking
 * {@code --series} samples every second, all streamed into one console engine through its agent
 * sources. A sample's latency is the console's commit time (the store's head has it: queries see it)
 * less the time the agent stamped on it. Reported after {@code --warmup} seconds over {@code --seconds}:
 * the median, p99 and largest, and the samples a second. The data are simulated (source="simulated").
 *
 * Usage: AgentLatencyBench [--agents 50] [--series 500] [--seconds 60] [--warmup 15]
 */
public final class AgentLatencyBench {
    private static final String TOKEN = "latency-bench-token-0123456789";

    private AgentLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int agents = (int) BenchSupport.arg(args, "--agents", 50);
        int series = (int) BenchSupport.arg(args, "--series", 500);
        long seconds = BenchSupport.arg(args, "--seconds", 60);
        long warmup = BenchSupport.arg(args, "--warmup", 15);
        Path dir = BenchSupport.tempDir("pharos-agent-latency");
        List<PharosEngine> agentEngines = new ArrayList<>();
        List<AgentServer> servers = new ArrayList<>();
        List<Thread> producers = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        double[] latencies = new double[(int) Math.min(Integer.MAX_VALUE - 8, (long) agents * series * (seconds + 5))];
        int[] count = {0};
        long[] measureFrom = {Long.MAX_VALUE};
        try (PharosEngine console = PharosEngine.open(dir.resolve("console"), StoreOptions.defaults())) {
            console.ingest().addCommitListener(batches -> {
                long now = System.currentTimeMillis();
                if (now < measureFrom[0]) {
                    return;
                }
                synchronized (latencies) {
                    for (SampleBatch b : batches) {
                        for (int i = 0; i < b.size() && count[0] < latencies.length; i++) {
                            latencies[count[0]++] = now - b.timestamp(i);
                        }
                    }
                }
            });
            for (int a = 0; a < agents; a++) {
                PharosEngine engine = PharosEngine.open(dir.resolve("agent-" + a), StoreOptions.defaults());
                agentEngines.add(engine);
                SampleFeed feed = new SampleFeed(1_000_000);
                engine.ingest().addCommitListener(feed);
                AgentServer server = AgentServer.start(AgentOptions.of(new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), 0), BearerToken.of(TOKEN), "agent-" + a,
                        Map.of("region", "bench")), new AgentData(engine.store(), feed, engine::status,
                        Clock.systemUTC(), "bench"));
                servers.add(server);
                SeriesKey[] keys = new SeriesKey[series];
                for (int s = 0; s < series; s++) {
                    keys[s] = SeriesKey.of("bench_value", "agent", "agent-" + a, "series", Integer.toString(s),
                            SeriesKey.SOURCE_LABEL, SeriesKey.SIMULATED);
                }
                int offset = a;
                producers.add(Thread.ofPlatform().name("bench-agent-" + a).daemon().start(() -> {
                    // Agents tick at spread times within the second, as real hosts do.
                    long next = (System.currentTimeMillis() / 1000 + 1) * 1000 + offset * 1000L / agents;
                    while (running.get()) {
                        try {
                            Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                            long taken = System.currentTimeMillis();
                            SampleBatch.Builder b = SampleBatch.builder(series);
                            for (int s = 0; s < series; s++) {
                                b.add(keys[s], taken, Math.sin(taken / 60_000.0 + s));
                            }
                            engine.ingest().accept(b.build());
                            next += 1000;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
                console.start(new AgentSource(AgentEndpoint.of("agent-" + a,
                        HttpUrl.get("http://127.0.0.1:" + server.address().getPort() + "/"), Secret.of(TOKEN)),
                        new StoreNewestSamples(console.store()), console.historySink(), Clock.systemUTC()));
            }
            Thread.sleep(warmup * 1000);
            long cpu0 = BenchSupport.processCpuNanos();
            long t0 = System.currentTimeMillis();
            measureFrom[0] = t0;
            Thread.sleep(seconds * 1000);
            long t1 = System.currentTimeMillis();
            long cpu1 = BenchSupport.processCpuNanos();
            int n;
            double[] copy;
            synchronized (latencies) {
                n = count[0];
                measureFrom[0] = Long.MAX_VALUE;
                copy = java.util.Arrays.copyOf(latencies, n);
            }
            java.util.Arrays.sort(copy);
            System.out.printf("agents %d x %d series at 1 s: %,d samples in %.0f s (%,.0f/s); latency from the agent's"
                            + " stamp to queryable in the console: median %.0f ms, p99 %.0f ms, largest %.0f ms;"
                            + " process CPU %.2f cores%n",
                    agents, series, n, (t1 - t0) / 1000.0, n * 1000.0 / (t1 - t0),
                    BenchSupport.percentile(copy, n, 0.5), BenchSupport.percentile(copy, n, 0.99),
                    n == 0 ? Double.NaN : copy[n - 1], (cpu1 - cpu0) / 1e6 / (t1 - t0));
        } finally {
            running.set(false);
            for (Thread t : producers) {
                t.interrupt();
            }
            for (AgentServer s : servers) {
                s.close();
            }
            for (PharosEngine e : agentEngines) {
                e.close();
            }
            BenchSupport.deleteQuietly(dir);
        }
    }
}
