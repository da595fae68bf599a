package io.pharos.engine.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
 * The agent's HTTP server (docs/agent.md), on the JDK's own server with a virtual thread per exchange.
 * Every request passes the same gates in order before its endpoint runs: the request's size and
 * method, the client's rate, then the bearer token (health excepted, so that a load balancer or a
 * person can ask whether the agent is up without the secret). Logs name the method, path and status,
 * never a header: the token cannot reach them.
 */
public final class AgentServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);
    static final String API = "/api/v1/hyperscale-monitoring";
    static final String HEALTH = "/api/v1/health";

    private final HttpServer server;
    private final ExecutorService executor;
    private final AgentOptions options;
    private final AgentApi api;
    private final RateLimiter rates;
    private final Semaphore streams;
    private final Map<String, Endpoint> routes;

    private AgentServer(HttpServer server, ExecutorService executor, AgentOptions options, AgentApi api) {
        this.server = server;
        this.executor = executor;
        this.options = options;
        this.api = api;
        this.rates = new RateLimiter(options.requestsPerSecond(), options.burst(), System::nanoTime);
        this.streams = new Semaphore(options.maxStreams());
        this.routes = Map.of(
                HEALTH, api::health,
                "/metrics", api::prometheusText,
                API + "/series", api::series,
                API + "/samples", api::samples,
                API + "/stream", this::stream,
                API + "/metrics/global", api::global,
                API + "/metrics/regions", (x, p) -> api.region(x, ""),
                API + "/metrics/hosts", (x, p) -> api.host(x, ""));
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException when the address cannot be bound (in use, not this machine's)
     */
    public static AgentServer start(AgentOptions options, AgentData data) throws IOException {
        Objects.requireNonNull(data, "data");
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
        AgentServer agent = new AgentServer(server, executor, options, new AgentApi(data, options));
        server.createContext("/", agent::handle);
        server.start();
        LOG.info("Agent {} listening on {}://{}:{}", options.name(), options.tls() == null ? "http" : "https",
                agent.address().getHostString(), agent.address().getPort());
        return agent;
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
            return Responses.error(exchange, 414, "The request's address is longer than the agent accepts ("
                    + options.maxRequestBytes() + " bytes).");
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        String chunked = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        if (chunked != null || (length != null && !length.equals("0"))) {
            return Responses.error(exchange, 413, "The agent's API takes no request body.");
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return Responses.error(exchange, 405, "The agent's API is read-only: use GET.");
        }
        long wait = rates.take(exchange.getRemoteAddress().getAddress().getHostAddress());
        if (wait > 0) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(wait));
            return Responses.error(exchange, 429, "Too many requests from this address: at most "
                    + options.requestsPerSecond() + " a second. Try again in " + wait + " s.");
        }
        Endpoint endpoint = route(exchange.getRequestURI().getPath());
        if (!HEALTH.equals(path) && !options.token().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"pharos-agent\"");
            return Responses.error(exchange, 401, "This agent needs its token: send the header"
                    + " 'Authorization: Bearer <token>' with the token of the agent's --token-file.");
        }
        if (endpoint == null) {
            return Responses.error(exchange, 404, "No such endpoint: " + path + ". See docs/agent.md.");
        }
        QueryParams params;
        try {
            params = QueryParams.parse(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return Responses.error(exchange, 400, e.getMessage());
        }
        try {
            return endpoint.answer(exchange, params);
        } catch (BadRequest e) {
            return Responses.error(exchange, 400, e.getMessage());
        }
    }

    /** The endpoint of a path: a fixed one, or a region's or a host's figures by name. */
    private Endpoint route(String path) {
        Endpoint fixed = routes.get(path);
        if (fixed != null) {
            return fixed;
        }
        String regions = API + "/metrics/regions/";
        String hosts = API + "/metrics/hosts/";
        if (path.startsWith(regions) && path.length() > regions.length()) {
            String name = path.substring(regions.length());
            return (x, p) -> api.region(x, name);
        }
        if (path.startsWith(hosts) && path.length() > hosts.length()) {
            String name = path.substring(hosts.length());
            return (x, p) -> api.host(x, name);
        }
        return null;
    }

    private int stream(HttpExchange exchange, QueryParams params) throws IOException {
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
        LOG.info("Agent {} stopped", options.name());
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
