package io.bemcom.tools.backup;

/** A failure that ends the run with a message (no stack trace): an answer of the service, a file. */
final class BackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BackupException(String message) {
        super(message);
    }
}
