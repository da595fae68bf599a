package io.pharos.engine.importer;

/**
 * Internal signal of {@link NumberText} that a number did not parse; the parsers turn it into an
 * {@link ImportException} with the position. No stack trace: it is cheap and never escapes.
 */
final class InvalidNumberException extends Exception {

    InvalidNumberException(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
