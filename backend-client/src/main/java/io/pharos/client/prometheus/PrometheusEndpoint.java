package io.pharos.client.prometheus;

import io.pharos.client.Secret;
import io.pharos.client.TrustedCertificates;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Where a Prometheus-compatible server is (Prometheus, Thanos Query, Mimir, VictoriaMetrics…) and how
 * to talk to it.
 *
 * @param url     its address, e.g. {@code http://prometheus.example:9090}; a path prefix (a server behind
 *                a proxy at {@code /prometheus}) is kept
 * @param token   a bearer token, or null when the server asks for none
 * @param trust   the certificates to trust for TLS, or null for the system's
 * @param timeout the longest one request may take, connection and answer included
 */
public record PrometheusEndpoint(HttpUrl url, Secret token, TrustedCertificates trust, Duration timeout) {
    /** A body larger than this is refused: a query's answer for a console, not a dump of the server. */
    public static final long MAX_BODY_BYTES = 64L << 20;

    public PrometheusEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the timeout must be positive");
        }
    }

    public static PrometheusEndpoint of(HttpUrl url) {
        return new PrometheusEndpoint(url, null, null, Duration.ofSeconds(10));
    }

    public PrometheusEndpoint withToken(Secret t) {
        return new PrometheusEndpoint(url, t, trust, timeout);
    }

    public PrometheusEndpoint withTrust(TrustedCertificates t) {
        return new PrometheusEndpoint(url, token, t, timeout);
    }

    public PrometheusEndpoint withTimeout(Duration t) {
        return new PrometheusEndpoint(url, token, trust, t);
    }

    /** Scheme, host and port, for messages. */
    public String where() {
        return url.scheme() + "://" + url.host() + ":" + url.port();
    }

    /** The address of an API path below the server's, e.g. {@code api/v1/query}. */
    HttpUrl api(String path) {
        HttpUrl.Builder b = url.newBuilder();
        for (String segment : path.split("/")) {
            b.addPathSegment(segment);
        }
        return b.build();
    }

    OkHttpClient client() {
        OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(timeout).readTimeout(timeout)
                .callTimeout(timeout).retryOnConnectionFailure(false);
        if (trust != null) {
            trust.applyTo(b);
        }
        return b.build();
    }
}
