package org.dl4jinit.init;

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
}
