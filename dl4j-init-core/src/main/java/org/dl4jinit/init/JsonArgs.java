package org.dl4jinit.init;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Reading an initializer's arguments back from JSON without Jackson's silent defaults: DL4J's mapper turns a
 * missing or {@code null} number into 0, truncates {@code 2.5} to the integer 2 and ignores unknown properties
 * ({@code FAIL_ON_UNKNOWN_PROPERTIES} is off for the whole configuration). The initializers' JSON creators take
 * boxed arguments and pass them through these checks, so such input is rejected with the property's name.
 */
final class JsonArgs {

    private JsonArgs() {
    }

    /** Requires a number that was present and not {@code null}. */
    static double number(String name, Double value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be a number, was null or missing");
        }
        return value;
    }

    /** Requires a property that was present and not {@code null}. */
    static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set, was null or missing");
        }
        return value;
    }

    /** Requires a number that is a whole number in the range of {@code int}. */
    static int integer(String name, Number value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be an integer, was null or missing");
        }
        double d = value.doubleValue();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be an integer (a whole number within the range of int), "
                    + "was " + value);
        }
        return value.intValue();
    }

    /**
     * The error for a property the initializer does not have. Unknown properties are rejected, not ignored: every
     * property of an initializer changes its weights, so a misspelt or newer property that was skipped would give
     * other weights than the file asks for.
     */
    static IllegalArgumentException unknownProperty(Class<?> type, String name) {
        String known = Arrays.stream(type.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .map(Field::getName).sorted().collect(Collectors.joining(", "));
        return new IllegalArgumentException("unknown property '" + name + "' for " + type.getSimpleName() + ": "
                + (known.isEmpty() ? "it has no properties" : "its properties are " + known));
    }
}
