package org.dl4jinit.examples.cli;

/** A user-facing failure of a command: its message is printed as one line, without a stack trace. */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and what to do, one line */
    public CliException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do, one line
     * @param cause   the underlying exception (shown with --verbose)
     */
    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
