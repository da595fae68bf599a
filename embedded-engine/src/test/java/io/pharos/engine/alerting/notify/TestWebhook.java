package io.pharos.engine.alerting.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process webhook on 127.0.0.1: answers each request with the next planned status (200 once
 * the plan is used up), or hangs (status {@link #HANG}) until closed. Records what it received.
 */
final class TestWebhook implements AutoCloseable {
    static final int HANG = -1;

    record Request(String body, String authorization, String contentType, long atNanos) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Integer> plan = new ConcurrentLinkedQueue<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final List<Integer> answered = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private TestWebhook(int port, Integer[] statuses) throws IOException {
        plan.addAll(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(executor); // a hanging exchange must not hold up the next one
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(body, ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("Content-Type"), System.nanoTime()));
            Integer status = plan.poll();
            int code = status == null ? 200 : status;
            if (code == HANG) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
                return;
            }
            answered.add(code);
            byte[] out = (code >= 400 ? "{\"error\":\"planned " + code + "\"}" : "ok").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    /** Answers with these statuses, then 200. */
    static TestWebhook answering(Integer... statuses) throws IOException {
        return new TestWebhook(0, statuses);
    }

    /** Listens on a given port (a server coming back), answering 200. */
    static TestWebhook onPort(int port) throws IOException {
        return new TestWebhook(port, new Integer[0]);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/s3cr3t-path";
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
