package io.pharos.engine.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pharos.engine.PharosEngine;
import io.pharos.engine.store.StoreOptions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTlsTest {
    private static final String SECRET = "another-secret-token-0123456789";
    private static final char[] PASSWORD = "store-password".toCharArray();

    @TempDir
    static Path dir;
    private static Path keyStore;

    /** A key and self-signed certificate for 127.0.0.1, made by the JDK's keytool as a user would. */
    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = dir.resolve("agent.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void overTlsTheAgentAnswersClientsThatTrustItsCertificate() throws Exception {
        try (PharosEngine engine = PharosEngine.open(dir.resolve("data"), StoreOptions.defaults());
             AgentServer server = AgentServer.start(AgentOptions.of(new InetSocketAddress(
                     InetAddress.getLoopbackAddress(), 0), BearerToken.of(SECRET), "tls-agent", Map.of())
                     .withTls(AgentTls.serverContext(keyStore, PASSWORD)),
                     new AgentData(engine.store(), new SampleFeed(100), engine::status, Clock.systemUTC(), "t"))) {
            int port = server.address().getPort();
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting()).connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> r = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/api/v1/hyperscale-monitoring/series")).header("Authorization", "Bearer " + SECRET).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"series\":[]");

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP to a TLS port gets no answer").isInstanceOf(java.io.IOException.class);
            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port
                    + "/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("a client that does not trust the certificate").isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void aKeyStoreThatCannotBeUsedIsExplained() throws Exception {
        assertThatThrownBy(() -> AgentTls.serverContext(keyStore, "wrong".toCharArray()))
                .hasMessageContaining("password");
        assertThatThrownBy(() -> AgentTls.serverContext(dir.resolve("none.p12"), PASSWORD))
                .hasMessageContaining("does not exist");
        Path text = Files.writeString(dir.resolve("text.p12"), "not a key store");
        assertThatThrownBy(() -> AgentTls.serverContext(text, PASSWORD)).hasMessageContaining("PKCS#12");
        for (String bad : List.of("short", "has a space in it 0123456789")) {
            assertThatThrownBy(() -> BearerToken.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static SSLContext trusting() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
