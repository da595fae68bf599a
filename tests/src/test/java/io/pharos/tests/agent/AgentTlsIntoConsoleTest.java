package io.pharos.tests.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pharos.client.Secret;
import io.pharos.client.TrustedCertificates;
import io.pharos.client.agent.AgentEndpoint;
import io.pharos.client.agent.AgentSource;
import io.pharos.client.NewestSamples;
import io.pharos.engine.ingest.SampleSink;
import io.pharos.engine.ingest.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent process serving HTTPS with a self-signed key made by keytool, as docs/agent.md tells; a
 * console source that trusts its exported certificate streams from it, one that does not is told
 * of a TLS mismatch, and plain http to it is a cut connection, not a hang.
 */
class AgentTlsIntoConsoleTest {
    private static final String SECRET = "tls-integration-secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void aConsoleThatTrustsTheAgentsCertificateStreamsFromItOthersAreToldWhy() throws Exception {
        Path keyStore = dir.resolve("agent.p12");
        Path password = Files.writeString(dir.resolve("agent.password"), "store-password\n");
        keytool("-genkeypair", "-alias", "agent", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "store-password");
        Path pem = dir.resolve("agent.crt");
        keytool("-exportcert", "-rfc", "-alias", "agent", "-keystore", keyStore.toString(), "-storepass",
                "store-password", "-file", pem.toString());
        Path token = Files.writeString(dir.resolve("agent.token"), SECRET);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));

        try (AgentProcess agent = AgentProcess.start(dir.resolve("agent"), List.of("--token-file", token.toString(),
                "--tls-keystore", keyStore.toString(), "--tls-password-file", password.toString(), "--interval",
                "300ms"))) {
            assertThat(agent.output()).contains("listening on https://127.0.0.1:" + agent.port());
            HttpUrl https = HttpUrl.get("https://127.0.0.1:" + agent.port() + "/");
            AtomicLong received = new AtomicLong();
            SampleSink sink = batch -> received.addAndGet(batch.size());

            AgentSource trusting = new AgentSource(AgentEndpoint.of("tls-agent", https, Secret.of(SECRET))
                    .withTrust(TrustedCertificates.fromPem(pem)), NewestSamples.NONE, Clock.systemUTC());
            AgentSource untrusting = new AgentSource(AgentEndpoint.of("untrusting", https, Secret.of(SECRET)),
                    NewestSamples.NONE, Clock.systemUTC());
            AgentSource plain = new AgentSource(AgentEndpoint.of("plain", HttpUrl.get("http://127.0.0.1:"
                    + agent.port() + "/"), Secret.of(SECRET)).withReadTimeout(Duration.ofSeconds(5)),
                    NewestSamples.NONE, Clock.systemUTC());
            List<AgentSource> all = List.of(trusting, untrusting, plain);
            all.forEach(s -> s.start(sink));
            try {
                await(trusting, st -> st.state() == SourceStatus.State.RUNNING && st.samplesProduced() > 0);
                await(untrusting, st -> st.state() == SourceStatus.State.FAILED
                        && st.message().startsWith("TLS mismatch"));
                SourceStatus p = await(plain, st -> st.state() == SourceStatus.State.FAILED);
                assertThat(p.message()).as("plain HTTP to a TLS agent").contains("https://");
            } finally {
                all.forEach(AgentSource::stop);
            }
            agent.stop();
        }
    }

    private static SourceStatus await(AgentSource s, Predicate<SourceStatus> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (done.test(s.status())) {
                return s.status();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(s.name() + ": status stayed " + s.status());
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
