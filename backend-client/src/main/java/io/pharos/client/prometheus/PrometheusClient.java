package io.pharos.client.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pharos.client.ErrorBody;
import io.pharos.client.PeerProblem;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP API of a Prometheus-compatible server (api/v1): instant and range queries, its rules and
 * its alerts. Every answer is read as it arrives and bounded ({@link PrometheusEndpoint#MAX_BODY_BYTES},
 * {@code maxSamples}); every request has the endpoint's timeout; every failure is a
 * {@link PrometheusException} worded by {@link PeerProblem}.
 */
public final class PrometheusClient {
    /** Prometheus answers at most 11,000 points a series for a range query. */
    public static final int MAX_POINTS_PER_SERIES = 11_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int ERROR_BYTES = 16 * 1024;

    private final PrometheusEndpoint endpoint;
    private final OkHttpClient http;
    private final long maxSamples;
    private final long maxBodyBytes;

    /** @param maxSamples the most samples one answer may hold; more is refused */
    public PrometheusClient(PrometheusEndpoint endpoint, long maxSamples) {
        this(endpoint, maxSamples, PrometheusEndpoint.MAX_BODY_BYTES);
    }

    PrometheusClient(PrometheusEndpoint endpoint, long maxSamples, long maxBodyBytes) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.http = endpoint.client();
        this.maxSamples = maxSamples;
        this.maxBodyBytes = maxBodyBytes;
    }

    public PrometheusEndpoint endpoint() {
        return endpoint;
    }

    /**
     * The value of {@code expr} at {@code timeMs}: each series of the answer to {@code consumer}. An
     * expression that gives a range vector ({@code x[5m]}) is refused once read: its raw samples would
     * overlap from one query to the next.
     */
    public QueryAnswerReader.Summary query(String expr, long timeMs, QueryAnswerReader.SeriesConsumer consumer)
            throws PrometheusException, InterruptedException {
        FormBody form = new FormBody.Builder().add("query", expr).add("time", seconds(timeMs)).build();
        QueryAnswerReader.Summary summary = ask("api/v1/query", form, expr, consumer);
        if ("matrix".equals(summary.resultType())) {
            throw new PrometheusException(new PeerProblem(PeerProblem.Kind.ANSWERED_ERROR, "The query " + quote(expr)
                    + " gives a range vector: ask for a function of it, such as rate(x[5m]) or max_over_time(x[5m])"));
        }
        return summary;
    }

    /** The values of {@code expr} from {@code startMs} to {@code endMs} (both included) every {@code stepMs}. */
    public QueryAnswerReader.Summary queryRange(String expr, long startMs, long endMs, long stepMs,
                                                QueryAnswerReader.SeriesConsumer consumer)
            throws PrometheusException, InterruptedException {
        if (stepMs <= 0 || endMs < startMs || (endMs - startMs) / stepMs >= MAX_POINTS_PER_SERIES) {
            throw new IllegalArgumentException("a range of at most " + MAX_POINTS_PER_SERIES + " steps");
        }
        FormBody form = new FormBody.Builder().add("query", expr).add("start", seconds(startMs))
                .add("end", seconds(endMs)).add("step", seconds(stepMs)).build();
        return ask("api/v1/query_range", form, expr, consumer);
    }

    /** The server's rule groups ({@code api/v1/rules}), as its JSON {@code data}. */
    public JsonNode rules() throws PrometheusException, InterruptedException {
        return tree("api/v1/rules");
    }

    /** The server's active alerts ({@code api/v1/alerts}), as its JSON {@code data}. */
    public JsonNode alerts() throws PrometheusException, InterruptedException {
        return tree("api/v1/alerts");
    }

    private QueryAnswerReader.Summary ask(String path, FormBody form, String expr,
                                          QueryAnswerReader.SeriesConsumer consumer)
            throws PrometheusException, InterruptedException {
        Request request = request(endpoint.api(path)).post(form).build();
        try (Response response = execute(request, expr)) {
            try (JsonParser p = FACTORY.createParser(bounded(response.body().byteStream()))) {
                return new QueryAnswerReader(maxSamples).read(p, consumer);
            }
        } catch (QueryAnswerReader.MalformedAnswer e) {
            throw new PrometheusException(PeerProblem.malformed(endpoint.where(), e.getMessage()), e.tooLarge);
        } catch (QueryAnswerReader.ErrorAnswer e) {
            throw refused(expr, e.errorType, e.getMessage());
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private JsonNode tree(String path) throws PrometheusException, InterruptedException {
        Request request = request(endpoint.api(path)).get().build();
        try (Response response = execute(request, null)) {
            JsonNode root = JSON.readTree(bounded(response.body().byteStream()));
            if (root == null || !root.isObject()) {
                throw new PrometheusException(PeerProblem.malformed(endpoint.where(), "the answer is not a JSON object"));
            }
            if (!"success".equals(root.path("status").asText())) {
                throw refused(null, root.path("errorType").asText("error"), root.path("error").asText(""));
            }
            if (!root.path("data").isObject()) {
                throw new PrometheusException(PeerProblem.malformed(endpoint.where(), "it holds no \"data\""));
            }
            return root.path("data");
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private Request.Builder request(HttpUrl url) {
        Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
        if (endpoint.token() != null) {
            b.header("Authorization", "Bearer " + endpoint.token().reveal());
        }
        return b;
    }

    /** The response when it is a JSON success; otherwise the problem it says. */
    private Response execute(Request request, String expr) throws IOException, PrometheusException,
            InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Response response = http.newCall(request).execute();
        boolean handedOver = false;
        try {
            String type = response.header("Content-Type", "");
            if (!response.isSuccessful()) {
                throw statusProblem(response, expr);
            }
            if (!type.contains("json")) {
                throw new PrometheusException(PeerProblem.malformed(endpoint.where(), "it answered "
                        + (type.isEmpty() ? "without a content type" : type) + ", not JSON"));
            }
            handedOver = true;
            return response;
        } finally {
            if (!handedOver) {
                response.close();
            }
        }
    }

    private PrometheusException statusProblem(Response response, String expr) {
        int code = response.code();
        String errorType = null;
        String error = "";
        try {
            var source = response.body().source();
            source.request(ERROR_BYTES);
            String text = source.getBuffer().readUtf8(Math.min(ERROR_BYTES, source.getBuffer().size()));
            try {
                JsonNode node = JSON.readTree(text);
                if (node != null && node.path("error").isTextual()) {
                    errorType = node.path("errorType").asText("error");
                    error = node.path("error").asText();
                } else {
                    error = text;
                }
            } catch (IOException notJson) {
                error = text;
            }
        } catch (IOException unreadable) {
            // the status alone says enough
        }
        error = ErrorBody.printable(error);
        if ((code == 400 || code == 422) && errorType != null) {
            return refused(expr, errorType, error);
        }
        if (code == 404) {
            return new PrometheusException(new PeerProblem(PeerProblem.Kind.ANSWERED_ERROR, "No Prometheus API at "
                    + response.request().url().newBuilder().username("").password("").query(null).build() + " (404). Check the address, and the path prefix of a server"
                    + " behind a proxy."));
        }
        return new PrometheusException(PeerProblem.ofStatus(code, endpoint.where(), error));
    }

    private PrometheusException refused(String expr, String errorType, String error) {
        String what = expr == null ? "the request" : "the query " + quote(expr);
        // Prometheus' own bound (--query.max-samples): a smaller range may do
        boolean tooLarge = "execution".equals(errorType) && error.contains("too many samples");
        return new PrometheusException(new PeerProblem(PeerProblem.Kind.ANSWERED_ERROR, "Prometheus at "
                + endpoint.where() + " refused " + what + ": " + errorType + ": " + ErrorBody.printable(error)),
                tooLarge);
    }

    private PrometheusException failure(IOException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
        if (e instanceof AnswerTooLarge) {
            return new PrometheusException(PeerProblem.malformed(endpoint.where(), "the answer is larger than "
                    + (maxBodyBytes >> 20) + " MiB; narrow the query"), true);
        }
        return new PrometheusException(PeerProblem.of(e, endpoint.where()));
    }

    private InputStream bounded(InputStream in) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            private void add(int n) throws AnswerTooLarge {
                read += n;
                if (read > maxBodyBytes) {
                    throw new AnswerTooLarge();
                }
            }
        };
    }

    /** Seconds with milliseconds, as the API takes times: 1700000000.5. */
    static String seconds(long ms) {
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString();
    }

    static String quote(String expr) {
        String one = expr.replaceAll("\\s+", " ").strip();
        return "'" + (one.length() > 80 ? one.substring(0, 80) + "…" : one) + "'";
    }

    private static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("answer too large", null);
        }
    }
}
