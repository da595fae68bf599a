package io.pharos.engine.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret a client must send as {@code Authorization: Bearer …}. Compared in constant time, by
 * digest, so neither the content nor the length of the secret shows in the time a refusal takes.
 * Never printed: {@link #toString()} hides it, so a log line or an exception message cannot carry it.
 */
public final class BearerToken {
    /** Shorter secrets are refused at start: a guessable token protects nothing. */
    public static final int MIN_LENGTH = 16;
    private static final String PREFIX = "Bearer ";
    private final byte[] digest;

    private BearerToken(byte[] digest) {
        this.digest = digest;
    }

    /**
     * The token from the text of a token file (surrounding blank space and the line end trimmed).
     *
     * @throws IllegalArgumentException when it is shorter than {@link #MIN_LENGTH} or holds blank space
     */
    public static BearerToken of(String secret) {
        String s = secret.strip();
        if (s.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the token must be at least " + MIN_LENGTH + " characters long (it has "
                    + s.length() + "); make one with: head -c 32 /dev/urandom | base64");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i)) || Character.isISOControl(s.charAt(i))) {
                throw new IllegalArgumentException("the token must be one word: it holds blank space or a control"
                        + " character at position " + (i + 1));
            }
        }
        return new BearerToken(sha256(s));
    }

    /** True when {@code authorization} (the header's value, or null) carries this token. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(PREFIX.length()).strip()));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
