package io.pharos.engine.alerting.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a secret reference from the configuration into the secret, at the moment it is needed, so
 * the secret is never held in the configuration, the queue, a log line or an exception message.
 * The default understands {@code env:NAME} (an environment variable) and {@code file:PATH} (the
 * file's content, trailing whitespace removed).
 */
@FunctionalInterface
public interface SecretResolver {

    /** The secret, or empty when the reference names nothing (an unset variable, a missing file). */
    Optional<String> resolve(String reference);

    /** env:NAME and file:PATH. */
    static SecretResolver standard() {
        return of(System.getenv());
    }

    /** env:NAME looked up in {@code env}, and file:PATH; for tests. */
    static SecretResolver of(Map<String, String> env) {
        return reference -> {
            if (reference.startsWith("env:")) {
                return Optional.ofNullable(env.get(reference.substring(4))).filter(s -> !s.isEmpty());
            }
            if (reference.startsWith("file:")) {
                try {
                    return Optional.of(Files.readString(Path.of(reference.substring(5))).strip()).filter(s -> !s.isEmpty());
                } catch (IOException | RuntimeException e) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        };
    }

    /** Whether {@code reference} has a form the standard resolver understands. */
    static boolean isReference(String reference) {
        return reference != null && (reference.startsWith("env:") && reference.length() > 4
                || reference.startsWith("file:") && reference.length() > 5);
    }
}
