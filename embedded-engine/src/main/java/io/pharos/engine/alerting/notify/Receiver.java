package io.pharos.engine.alerting.notify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where notifications go: a webhook, a command, or the console's desktop notifications. Each has a
 * name, unique in a {@link NotificationConfig}; queued deliveries refer to their receiver by that
 * name only, so a token or a URL never reaches the state file.
 */
public sealed interface Receiver permits Receiver.Webhook, Receiver.Command, Receiver.Desktop {

    String name();

    /**
     * An Alertmanager-compatible webhook: the payload is POSTed as JSON.
     *
     * @param url      http or https; shown in messages as scheme, host and port only, since a path
     *                 or query often carries a key
     * @param tokenRef optional reference to a bearer token ({@code env:NAME} or {@code file:PATH},
     *                 see {@link SecretResolver}); the token itself is never kept in the config
     * @param timeout  for connecting and for the whole request
     */
    record Webhook(String name, URI url, String tokenRef, Duration timeout) implements Receiver {
        public Webhook {
            checkName(name);
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || url.getHost() == null) {
                throw new IllegalArgumentException("receiver " + name + ": the webhook URL must be http:// or https://"
                        + " with a host");
            }
            if (tokenRef != null && tokenRef.isBlank()) {
                tokenRef = null;
            }
            timeout = checkTimeout(name, timeout, Duration.ofSeconds(10));
        }

        /** The URL without path, query or user info: safe for messages and logs. */
        public String redactedUrl() {
            return redact(url);
        }

        @Override
        public String toString() {
            return "Webhook[name=" + name + ", url=" + redactedUrl() + ", token=" + (tokenRef == null ? "none" : tokenRef)
                    + ", timeout=" + timeout + "]";
        }
    }

    /**
     * A command run with the payload as JSON on standard input; exit status 0 means delivered.
     *
     * @param argv      the program and its arguments, run without a shell
     * @param directory working directory, or null for the engine's
     * @param timeout   after which the command and every process it started are killed
     */
    record Command(String name, List<String> argv, Path directory, Duration timeout) implements Receiver {
        public Command {
            checkName(name);
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.getFirst().isBlank()) {
                throw new IllegalArgumentException("receiver " + name + ": a command needs a program to run");
            }
            timeout = checkTimeout(name, timeout, Duration.ofSeconds(30));
        }

        /** Only the program, not its arguments (they may hold a key). */
        @Override
        public String toString() {
            return "Command[name=" + name + ", program=" + argv.getFirst() + ", timeout=" + timeout + "]";
        }
    }

    /** A notification in the console: an in-process event (see {@link DesktopNotifications}). */
    record Desktop(String name) implements Receiver {
        public Desktop {
            checkName(name);
        }
    }

    static Webhook webhook(String name, String url) {
        return new Webhook(name, URI.create(url), null, null);
    }

    static Command command(String name, String... argv) {
        return new Command(name, List.of(argv), null, null);
    }

    static Desktop desktop(String name) {
        return new Desktop(name);
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a receiver needs a name");
        }
    }

    private static Duration checkTimeout(String name, Duration timeout, Duration dflt) {
        if (timeout == null) {
            return dflt;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("receiver " + name + ": the timeout must be positive");
        }
        return timeout;
    }

    /** scheme://host[:port] of a URI, without user info, path or query. */
    static String redact(URI url) {
        String s = url.getScheme() + "://" + url.getHost();
        return url.getPort() >= 0 ? s + ":" + url.getPort() : s;
    }
}
