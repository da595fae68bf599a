package io.pharos.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class PeerProblemTest {
    private static final String AT = "https://web-1.example:9470";

    @Test
    void eachFailureIsWordedByWhatHappened() {
        ConnectException okhttps = new ConnectException("Failed to connect to web-1.example/10.0.0.5:9470");
        okhttps.addSuppressed(new ConnectException("Connection refused"));
        assertThat(PeerProblem.of(okhttps, AT).kind()).as("OkHttp's words around the system's")
                .isEqualTo(PeerProblem.Kind.REFUSED);
        assertThat(PeerProblem.of(new ConnectException("No route to host"), AT).kind())
                .isEqualTo(PeerProblem.Kind.UNREACHABLE);
        assertThat(PeerProblem.of(new UnknownHostException("web-1.example"), AT).kind())
                .isEqualTo(PeerProblem.Kind.UNREACHABLE);
        assertThat(PeerProblem.of(new SSLHandshakeException("PKIX path building failed"), AT).message())
                .startsWith("TLS mismatch").contains("trusts");
        assertThat(PeerProblem.of(new SocketTimeoutException("timeout"), AT).message()).startsWith("Slow");
        assertThat(PeerProblem.of(new EOFException(), AT).message()).contains("was cut").doesNotContain("null");
        assertThat(PeerProblem.ofStatus(401, AT, "needs its token").message()).startsWith("Wrong token")
                .contains("needs its token");
        assertThat(PeerProblem.of(new JsonParseException(null, "Unexpected character"), AT).kind())
                .isEqualTo(PeerProblem.Kind.MALFORMED);
    }

    @Test
    void aFailureOfThisConsolesOwnIsNotBlamedOnThePeer() {
        PeerProblem p = PeerProblem.of(new IllegalStateException("ingest is shut down"), AT);
        assertThat(p.kind()).isEqualTo(PeerProblem.Kind.INTERNAL);
        assertThat(p.message()).startsWith("Pharos failed while reading from " + AT).contains("ingest is shut down")
                .doesNotContain("Malformed", "cannot be read");
    }
}
