package io.pharos.app;

/** A problem whose message is written for the person at the command line; no stack trace. */
public final class UserFacingException extends RuntimeException {
    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }

    public UserFacingException(String message) {
        super(message);
    }
}
