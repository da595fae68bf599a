package io.pharos.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What went wrong with a peer (an agent, a Prometheus server), said so that a person can act on it:
 * unreachable, refused, a TLS mismatch, a wrong token, slow, a malformed answer. One place, so that
 * every source words the same trouble the same way.
 */
public record PeerProblem(Kind kind, String message) {

    /**
     * SLOW: no answer within the timeout (a smaller question may do); BUSY: the peer asks to come back
     * later; INTERNAL: the failure is this console's own, not the peer's.
     */
    public enum Kind { UNREACHABLE, REFUSED, TLS, UNAUTHORIZED, SLOW, BUSY, MALFORMED, ANSWERED_ERROR, INTERNAL }

    /** The problem of a failed exchange with the peer at {@code where} (scheme, host and port). */
    public static PeerProblem of(Throwable failure, String where) {
        Throwable e = failure;
        if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
            return new PeerProblem(Kind.TLS, "TLS mismatch with " + where + ": " + e.getMessage()
                    + ". Check that this console trusts the peer's certificate and that the address names the host"
                    + " the certificate is for.");
        }
        if (e instanceof SSLException) {
            return new PeerProblem(Kind.TLS, "TLS mismatch with " + where + ": " + e.getMessage()
                    + ". The peer may speak plain HTTP: use http:// in its address, or start it with TLS.");
        }
        if (e instanceof UnknownHostException) {
            return new PeerProblem(Kind.UNREACHABLE, "Unreachable: the host of " + where
                    + " is not known to this machine's name service. Check the address.");
        }
        if (e instanceof ConnectException && saysRefused(e)) {
            return new PeerProblem(Kind.REFUSED, "Refused: nothing listens at " + where
                    + ". Is it running, on that port?");
        }
        if (e instanceof NoRouteToHostException || e instanceof ConnectException) {
            return new PeerProblem(Kind.UNREACHABLE, "Unreachable: " + where + " cannot be reached ("
                    + e.getMessage() + "). Check the network and firewalls between.");
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            String what = String.valueOf(e.getMessage()).toLowerCase().contains("connect")
                    ? "no connection within the connect timeout" : "no answer within the read timeout";
            return new PeerProblem(Kind.SLOW, "Slow: " + where + " gave " + what
                    + ". It may be overloaded, or a firewall drops the packets.");
        }
        if (e instanceof EOFException || String.valueOf(e.getMessage()).startsWith("unexpected end of stream")) {
            return new PeerProblem(Kind.UNREACHABLE, "The connection to " + where + " was cut: the peer closed it"
                    + " before its answer ended (it stopped, or something between dropped the connection). If the"
                    + " peer speaks TLS, use https:// in its address.");
        }
        if (e instanceof com.fasterxml.jackson.core.JacksonException) {
            // Jackson's are IOExceptions too: a peer's JSON that does not parse, not a network failure
            return malformed(where, "its JSON cannot be read ("
                    + ((com.fasterxml.jackson.core.JacksonException) e).getOriginalMessage() + ")");
        }
        if (e instanceof IOException) {
            return new PeerProblem(Kind.UNREACHABLE, "The exchange with " + where + " failed: " + e.getMessage());
        }
        return new PeerProblem(Kind.INTERNAL, "Pharos failed while reading from " + where + " ("
                + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Its log has the details; it tries again.");
    }

    /** OkHttp words its own message ("Failed to connect to …") around the system's ("Connection refused"). */
    private static boolean saysRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused")) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (String.valueOf(s.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The problem of an HTTP status other than success; {@code detail} is the peer's own message, if any. */
    public static PeerProblem ofStatus(int status, String where, String detail) {
        String said = detail == null || detail.isBlank() ? "" : " It said: " + detail;
        if (status == 401 || status == 403) {
            return new PeerProblem(Kind.UNAUTHORIZED, "Wrong token: " + where + " refused this console's credentials ("
                    + status + "). Check the source's token file against the peer's." + said);
        }
        if (status == 429 || status == 503) {
            return new PeerProblem(Kind.BUSY, "Busy: " + where + " asks to come back later (" + status + ")." + said);
        }
        return new PeerProblem(Kind.ANSWERED_ERROR, where + " answered " + status + "." + said);
    }

    /** A malformed answer, with what was wrong in it. */
    public static PeerProblem malformed(String where, String what) {
        return new PeerProblem(Kind.MALFORMED, "Malformed answer from " + where + ": " + what
                + ". Is the address that of the right kind of server?");
    }
}
