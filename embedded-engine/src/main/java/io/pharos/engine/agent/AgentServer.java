package io.pharos.engine.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pharos.engine.alerting.AlertIntake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pharos' HTTP server, on the JDK's own server with a virtual thread per exchange: the agent's API
 * (docs/agent.md), and the console's receiver of Alertmanager's webhook (docs/alerting.md). Every
 * request passes the same gates in order before its endpoint runs: the request's size, body and
 * method, the client's rate, then the bearer token (health excepted, so that a load balancer or a
 * person can ask whether it is up without the secret). Logs name the method, path and status, never
 * a header: the token cannot reach them.
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    static final String API = "/api/v1/hyperscale-monitoring";
    static final String HEALTH = "/api/v1/health";
    /** Where the console receives Alertmanager's webhook. */
    public static final String ALERTMANAGER_WEBHOOK = "/api/v1/alertmanager";
    /** Alertmanager sends a group's alerts in one message; 10,000 alerts of a few hundred bytes. */
    static final int MAX_WEBHOOK_BYTES = 8 << 20;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AgentOptions options;
    private final RateLimiter rates;
    /** IPv6 networks (/64): a host may take a new address each request; ten clients' worth each. */
    private final RateLimiter networkRates;
    private static final int NETWORK_SHARE = 10;
    private final Routes routes;
    /** What it serves, for messages: "Agent", "Alert receiver". */
    private final String what;

    private AgentServer(HttpServer server, ExecutorService executor, AgentOptions options, Routes routes, String what) {
        this.server = server;
        this.what = what;
        this.executor = executor;
        this.options = options;
        this.rates = new RateLimiter(options.requestsPerSecond(), options.burst(), System::nanoTime);
        this.networkRates = new RateLimiter(options.requestsPerSecond() * NETWORK_SHARE, options.burst() * NETWORK_SHARE,
                System::nanoTime);
        this.routes = routes;
    }

    /** The agent's routes: fixed ones, and a region's or a host's figures by name. */
    private static Routes agentRoutes(AgentOptions options, AgentApi api, OperationsApi operations) {
        Semaphore streams = new Semaphore(options.maxStreams());
        Map<String, Route> fixed = Map.ofEntries(
                Map.entry(API + "/alerts", Route.get(operations::alerts)),
                Map.entry(API + "/incidents", Route.get(operations::incidents)),
                Map.entry(API + "/infrastructure", Route.get(operations::infrastructure)),
                Map.entry(API + "/capacity", Route.get(operations::capacity)),
                Map.entry(HEALTH, Route.get(api::health)),
                Map.entry("/metrics", Route.get(api::prometheusText)),
                Map.entry(API + "/series", Route.get(api::series)),
                Map.entry(API + "/samples", Route.get(api::samples)),
                Map.entry(API + "/stream", Route.get((x, p) -> stream(streams, options, api, x, p))),
                Map.entry(API + "/metrics/global", Route.get(api::global)),
                Map.entry(API + "/metrics/regions", Route.get((x, p) -> api.region(x, ""))),
                Map.entry(API + "/metrics/hosts", Route.get((x, p) -> api.host(x, ""))));
        String regions = API + "/metrics/regions/";
        String hosts = API + "/metrics/hosts/";
        return path -> {
            Route route = fixed.get(path);
            if (route != null) {
                return route;
            }
            if (path.startsWith(regions) && path.length() > regions.length()) {
                String name = path.substring(regions.length());
                return Route.get((x, p) -> api.region(x, name));
            }
            if (path.startsWith(hosts) && path.length() > hosts.length()) {
                String name = path.substring(hosts.length());
                return Route.get((x, p) -> api.host(x, name));
            }
            return null;
        };
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not this machine's)
     */
    public static AgentServer start(AgentOptions options, AgentData data) throws IOException {
        Objects.requireNonNull(data, "data");
        return start(options, agentRoutes(options, new AgentApi(data, options), new OperationsApi(data)), "Agent");
    }

    /**
     * Binds and starts the console's receiver of Alertmanager's webhook ({@link #ALERTMANAGER_WEBHOOK},
     * POST, the token as the agent's), handing what it receives to {@code intake}.
     *
     * @throws IOException when the address cannot be bound
     */
    public static AgentServer startAlertReceiver(AgentOptions options, AlertIntake intake, java.time.Clock clock)
            throws IOException {
        AlertWebhookEndpoint webhook = new AlertWebhookEndpoint(intake, clock, MAX_WEBHOOK_BYTES);
        Map<String, Route> fixed = Map.of(
                HEALTH, Route.get((x, p) -> Responses.json(x, 200, g -> {
                    g.writeStartObject();
                    g.writeStringField("status", "up");
                    g.writeStringField("name", options.name());
                    g.writeEndObject();
                })),
                ALERTMANAGER_WEBHOOK, new Route("POST", MAX_WEBHOOK_BYTES, webhook::answer));
        return start(options, fixed::get, "Alert receiver");
    }

    private static AgentServer start(AgentOptions options, Routes routes, String what) throws IOException {
        HttpServer server;
        if (options.tls() == null) {
            server = HttpServer.create(options.listen(), 64);
        } else {
            HttpsServer https = HttpsServer.create(options.listen(), 64);
            https.setHttpsConfigurator(new HttpsConfigurator(options.tls()));
            server = https;
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("pharos-agent-http-", 0).factory());
        server.setExecutor(executor);
        AgentServer served = new AgentServer(server, executor, options, routes, what);
        server.createContext("/", served::handle);
        server.start();
        LOG.info("{} {} listening on {}://{}:{}", what, options.name(), options.tls() == null ? "http" : "https",
                served.address().getHostString(), served.address().getPort());
        return served;
    }

    /** The address bound, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status = 0;
        String path = exchange.getRequestURI().getRawPath();
        try (exchange) {
            status = gateAndRoute(exchange, path);
        } catch (IOException e) {
            // The client went away mid-answer: nothing to tell it.
            LOG.debug("{} {}: connection closed: {}", exchange.getRequestMethod(), path, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
            if (exchange.getResponseCode() == -1) {
                Responses.error(exchange, 500, "The agent failed to answer: " + e.getClass().getSimpleName()
                        + ". Its log has the details.");
            }
        } finally {
            LOG.debug("{} {} -> {}", exchange.getRequestMethod(), path, status);
        }
    }

    private int gateAndRoute(HttpExchange exchange, String path) throws IOException {
        String uri = exchange.getRequestURI().toString();
        if (uri.length() > options.maxRequestBytes()) {
            return Responses.error(exchange, 414, "The request's address is longer than this server accepts ("
                    + options.maxRequestBytes() + " bytes).");
        }
        Route route = routes.find(exchange.getRequestURI().getPath());
        long maxBody = route == null ? 0 : route.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        String chunked = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        if (maxBody == 0 && (chunked != null || (length != null && !length.equals("0")))) {
            return Responses.error(exchange, 413, "This endpoint takes no request body.");
        }
        if (length != null && parseLength(length) > maxBody) {
            return Responses.error(exchange, 413, "The request's body is larger than this endpoint takes ("
                    + maxBody + " bytes).");
        }
        String method = route == null ? "GET" : route.method();
        if (!exchange.getRequestMethod().equals(method)) {
            exchange.getResponseHeaders().set("Allow", method);
            return Responses.error(exchange, 405, method.equals("GET") ? "The agent's API is read-only: use GET."
                    : "This endpoint takes " + method + ".");
        }
        java.net.InetAddress from = exchange.getRemoteAddress().getAddress();
        long wait = rates.take(from.getHostAddress());
        String network = client(from);
        if (wait == 0 && !network.equals(from.getHostAddress())) {
            wait = networkRates.take(network);
        }
        if (wait > 0) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(wait));
            return Responses.error(exchange, 429, "Too many requests from this address: at most "
                    + options.requestsPerSecond() + " a second. Try again in " + wait + " s.");
        }
        if (!HEALTH.equals(path) && !options.token().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pharos\"");
            return Responses.error(exchange, 401, "This " + what.toLowerCase(java.util.Locale.ROOT) + " needs its token:"
                    + " send the header 'Authorization: Bearer <token>' with the token of its token file.");
        }
        if (route == null) {
            return Responses.error(exchange, 404, "No such endpoint: " + path + ". See docs/agent.md.");
        }
        QueryParams params;
        try {
            params = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return Responses.error(exchange, 400, e.getMessage());
        }
        try {
            return route.endpoint().answer(exchange, params);
        } catch (BadRequest e) {
            return Responses.error(exchange, 400, e.getMessage());
        }
    }

    /**
     * The network an IPv6 address belongs to, its /64 (a host may use a whole /64 and take a new address
     * a request), which counts beside the address itself; an IPv4 or loopback address stands for itself.
     */
    static String client(java.net.InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != 16 || address.isLoopbackAddress()) {
            return address.getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static int stream(Semaphore streams, AgentOptions options, AgentApi api, HttpExchange exchange,
                              QueryParams params) throws IOException {
        if (!streams.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "5");
            return Responses.error(exchange, 503, "The agent serves " + options.maxStreams()
                    + " streams at most, and that many are open.");
        }
        try {
            return api.stream(exchange, params);
        } finally {
            streams.release();
        }
    }

    /**
     * Stops listening and ends the exchanges in progress (their threads interrupted, which ends a stream
     * waiting on the feed); the feed stays open, it is the engine's.
     */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        LOG.info("{} {} stopped", what, options.name());
    }

    /** The route of a path, or null. */
    @FunctionalInterface
    interface Routes {
        Route find(String path);
    }

    /** An endpoint with the method it takes and how large a body (0: none). */
    record Route(String method, long maxBodyBytes, Endpoint endpoint) {
        static Route get(Endpoint endpoint) {
            return new Route("GET", 0, endpoint);
        }
    }

    @FunctionalInterface
    interface Endpoint {
        /** Answers the exchange; returns the status sent. */
        int answer(HttpExchange exchange, QueryParams params) throws IOException;
    }

    /** A request the endpoint cannot answer as asked; its message says why, for a 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
