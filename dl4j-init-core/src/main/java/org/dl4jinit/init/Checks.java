package org.dl4jinit.init;

import java.util.Arrays;

/**
 * Argument checks shared by the initializers. Messages name the parameter, the value and the rule, and are
 * built only on failure.
 */
final class Checks {

    private Checks() {
    }

    /** Requires a finite value. */
    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /** Requires a finite value strictly greater than zero. */
    static double positive(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
        return value;
    }

    /** Requires a finite value greater than or equal to zero. */
    static double nonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
        return value;
    }

    /** Requires a non-null reference. */
    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Requires a fan (as passed by DL4J) that is finite and positive. */
    static double fan(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be finite and > 0 (DL4J passes it from the layer's "
                    + "nIn/nOut), was " + value);
        }
        return value;
    }

    /** Requires an integer count of at least one. */
    static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    /**
     * Requires a weight shape (as passed by DL4J) whose rank lies in {@code [minRank, maxRank]} and whose
     * dimensions are all positive.
     *
     * @param rule the accepted shapes in words, used in the message, e.g. "rank 2 or more"
     */
    static long[] shape(long[] shape, int minRank, int maxRank, String rule) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        if (shape.length < minRank || shape.length > maxRank) {
            throw new IllegalArgumentException("shape must be " + rule + ", was " + Arrays.toString(shape));
        }
        for (long dim : shape) {
            if (dim < 1) {
                throw new IllegalArgumentException("shape must have dimensions >= 1, was " + Arrays.toString(shape));
            }
        }
        return shape;
    }
}
