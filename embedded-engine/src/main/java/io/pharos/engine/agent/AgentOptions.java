package io.pharos.engine.agent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How the agent's HTTP server listens and what it allows.
 *
 * @param listen            address and port; port 0 picks a free one
 * @param token             the secret every request but health must carry
 * @param tls               TLS when not null, plain HTTP otherwise
 * @param maxRequestBytes   the request line and body together at most (the API reads no bodies)
 * @param requestsPerSecond requests a client address may make a second, on average
 * @param burst             requests a client address may make at once
 * @param maxStreams        sample streams open at once
 * @param keepAlive         how often a quiet stream sends a comment, so that clients see it is alive
 * @param name              the agent's name, shown to consoles
 * @param labels            the labels the agent adds to its series (region, provider, service...)
 */
public record AgentOptions(InetSocketAddress listen, BearerToken token, SSLContext tls, int maxRequestBytes,
                           double requestsPerSecond, int burst, int maxStreams, Duration keepAlive, String name,
                           Map<String, String> labels) {

    public AgentOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        if (maxRequestBytes < 256 || requestsPerSecond <= 0 || burst < 1 || maxStreams < 1 || keepAlive.isNegative()
                || keepAlive.isZero()) {
            throw new IllegalArgumentException("limits must be positive (request bytes at least 256)");
        }
    }

    /** The defaults: 8 KiB requests, 20 requests a second with bursts of 60, 32 streams, keep-alive 15 s. */
    public static AgentOptions of(InetSocketAddress listen, BearerToken token, String name, Map<String, String> labels) {
        return new AgentOptions(listen, token, null, 8192, 20, 60, 32, Duration.ofSeconds(15), name, labels);
    }

    public AgentOptions withTls(SSLContext context) {
        return new AgentOptions(listen, token, context, maxRequestBytes, requestsPerSecond, burst, maxStreams, keepAlive,
                name, labels);
    }

    public AgentOptions withRateLimit(double perSecond, int burstSize) {
        return new AgentOptions(listen, token, tls, maxRequestBytes, perSecond, burstSize, maxStreams, keepAlive, name,
                labels);
    }

    public AgentOptions withKeepAlive(Duration every) {
        return new AgentOptions(listen, token, tls, maxRequestBytes, requestsPerSecond, burst, maxStreams, every, name,
                labels);
    }
}
