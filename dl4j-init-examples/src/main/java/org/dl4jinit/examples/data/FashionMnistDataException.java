package org.dl4jinit.examples.data;

import java.io.IOException;

/**
 * The Fashion-MNIST files cannot be used: the directory or a file is missing, or a file is not valid IDX data
 * (bad magic number, bad dimensions, truncated, label out of range, counts that disagree).
 *
 * <p>The message is meant for the person running the program: it names the directory or file, says what is
 * wrong with the measured value, and, where the data is missing, how to get it. Callers such as a {@code main}
 * print it as one line and exit; the cause, if any, is the underlying I/O or gzip error.
 */
public final class FashionMnistDataException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the directory or file
     */
    public FashionMnistDataException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the directory or file
     * @param cause   the underlying I/O or gzip error
     */
    public FashionMnistDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
