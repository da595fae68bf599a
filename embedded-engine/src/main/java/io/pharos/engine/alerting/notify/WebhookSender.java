package io.pharos.engine.alerting.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs the payload to an Alertmanager-compatible webhook with {@link HttpClient}: HTTP/1.1,
 * {@code Content-Type: application/json}, and {@code Authorization: Bearer} when the receiver names
 * a token. 2xx is delivered; 429 and 5xx, timeouts and connection failures are retried; any other
 * status is a permanent failure. The receiver's timeout bounds connecting and the whole exchange,
 * body included. Messages name the URL as scheme, host and port only, and never the token.
 */
final class WebhookSender implements Sender, AutoCloseable {
    /** How much of an error response's body goes into the error message. */
    static final int BODY_EXCERPT = 200;

    private final Receiver.Webhook receiver;
    private final SecretResolver secrets;
    private final HttpClient client;

    WebhookSender(Receiver.Webhook receiver, SecretResolver secrets) {
        this.receiver = receiver;
        this.secrets = secrets;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(receiver.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public SendResult send(Delivery delivery) {
        String where = receiver.redactedUrl();
        HttpRequest.Builder request = HttpRequest.newBuilder(receiver.url())
                .timeout(receiver.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Pharos")
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8));
        if (receiver.tokenRef() != null) {
            Optional<String> token = secrets.resolve(receiver.tokenRef()).map(WebhookSender::headerReady);
            // Retried: the configuration may be fixed (the variable set, the file rewritten) before the delivery is given up.
            if (token.isEmpty() || token.get().isEmpty()) {
                return SendResult.retry("the bearer token " + receiver.tokenRef() + " is not set");
            }
            if (!isHeaderSafe(token.get())) {
                // Checked here: HttpRequest would refuse it with an exception whose message quotes the token.
                return SendResult.retry("the bearer token " + receiver.tokenRef() + " holds a character an HTTP header"
                        + " cannot carry (a line break, a control character or non-ASCII); write it as one line of"
                        + " printable ASCII");
            }
            try {
                request.header("Authorization", "Bearer " + token.get());
            } catch (IllegalArgumentException e) {
                // Its message quotes the header value: never passed on.
                return SendResult.retry("the bearer token " + receiver.tokenRef() + " cannot be sent in an HTTP header");
            }
        }
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request.build(),
                info -> HttpResponse.BodySubscribers.fromSubscriber(new Excerpt(BODY_EXCERPT), Excerpt::text));
        HttpResponse<String> response;
        try {
            // The request timeout covers the wait for the response headers; this covers a body that never ends too.
            response = future.get(receiver.timeout().toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return SendResult.retry("no complete response from " + where + " within " + seconds());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return SendResult.retry("interrupted while sending to " + where);
        } catch (ExecutionException e) {
            return SendResult.retry(describe(e.getCause(), where));
        }
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            return SendResult.delivered();
        }
        String body = response.body() == null || response.body().isBlank() ? ""
                : ": " + response.body().strip().replaceAll("\\s+", " ");
        String error = "HTTP " + code + " from " + where + body;
        if (code == 429 || code >= 500) {
            return SendResult.retry(error);
        }
        if (code == 401 || code == 403) {
            return SendResult.permanent(error + "; check the bearer token reference of receiver " + receiver.name()
                    + (receiver.tokenRef() == null ? " (it has none)" : " (" + receiver.tokenRef() + ")"));
        }
        return SendResult.permanent(error);
    }

    /** The token without a byte order mark (an editor may write one at the start of a file) and surrounding blanks. */
    static String headerReady(String token) {
        String t = token.startsWith("\uFEFF") ? token.substring(1) : token;
        return t.strip();
    }

    /** Whether every character is printable ASCII, as a bearer token is (RFC 6750) and a header value may be. */
    static boolean isHeaderSafe(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private String seconds() {
        long ms = receiver.timeout().toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private String describe(Throwable t, String where) {
        if (t instanceof HttpConnectTimeoutException) {
            return "could not connect to " + where + " within " + seconds();
        }
        if (t instanceof HttpTimeoutException) {
            return "no response from " + where + " within " + seconds();
        }
        if (t instanceof ConnectException) {
            return "could not connect to " + where + " (connection refused or unreachable)";
        }
        if (t instanceof IOException) {
            // I/O messages name hosts and ports at most; never headers.
            return "sending to " + where + " failed: " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
        }
        // Only the class: the message of an unexpected exception may quote the request's headers.
        return "sending to " + where + " failed: " + t.getClass().getSimpleName();
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Keeps the first bytes of a response body, reads and drops the rest. */
    private static final class Excerpt implements Flow.Subscriber<List<ByteBuffer>> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Excerpt(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            for (ByteBuffer b : item) {
                int n = Math.min(b.remaining(), limit - bytes.size());
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    bytes.write(chunk, 0, n);
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
