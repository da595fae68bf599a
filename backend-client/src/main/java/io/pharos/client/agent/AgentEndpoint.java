package io.pharos.client.agent;

import io.pharos.client.Secret;
import io.pharos.client.TrustedCertificates;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Where an agent is and how to talk to it.
 *
 * @param name        the source's name in the console; its series get it as their {@code instance} label
 * @param url         the agent's address, e.g. {@code https://web-1.example:9470}
 * @param token       the agent's token
 * @param trust       the certificates to trust for TLS, or null for the system's
 * @param margin      how far before the newest sample received a reconnection asks from (sources of an
 *                    agent commit slightly out of time order)
 * @param maxBackfill how far back a console with nothing of this agent asks for history
 * @param readTimeout how long without a byte means a dead connection: three of the agent's keep-alive
 *                    intervals by default
 */
public record AgentEndpoint(String name, HttpUrl url, Secret token, TrustedCertificates trust, Duration margin,
                            Duration maxBackfill, Duration readTimeout) {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    public AgentEndpoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(maxBackfill, "maxBackfill");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /** With the defaults: the system's trust, a 30 s margin, a day of history for a console that has none. */
    public static AgentEndpoint of(String name, HttpUrl url, Secret token) {
        return new AgentEndpoint(name, url, token, null, Duration.ofSeconds(30), Duration.ofDays(1),
                Duration.ofSeconds(45));
    }

    public AgentEndpoint withTrust(TrustedCertificates t) {
        return new AgentEndpoint(name, url, token, t, margin, maxBackfill, readTimeout);
    }

    public AgentEndpoint withMaxBackfill(Duration d) {
        return new AgentEndpoint(name, url, token, trust, margin, d, readTimeout);
    }

    public AgentEndpoint withReadTimeout(Duration d) {
        return new AgentEndpoint(name, url, token, trust, margin, maxBackfill, d);
    }

    /** Scheme, host and port, for messages. */
    public String where() {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** A client for this agent: its timeouts, its trust, no retries behind the source's back. */
    OkHttpClient client() {
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(readTimeout)
                .retryOnConnectionFailure(false);
        if (trust != null) {
            trust.applyTo(b);
        }
        return b.build();
    }
}
