package org.dl4jinit.sweep;

import java.util.Arrays;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

/**
 * Validating factories for the nested hyperparameters of {@link InitializerChoice}s (gain, scale, fan mode,
 * negative slope, ...). Bad input fails here, with an {@link IllegalArgumentException} naming the parameter, the
 * value and the rule, instead of as an exception inside a candidate later.
 *
 * <p>Two or more enum constants become an {@link EnumValues}, which keeps its type through Arbiter's JSON.
 *
 * <p>A single value becomes Arbiter's {@link FixedValue}, never a one-value {@link DiscreteParameterSpace}:
 * Arbiter 1.0.0-beta7's grid search gives such a leaf an index but no grid coordinate, which shifts every later
 * leaf's index.
 */
public final class SweepParameters {

    private SweepParameters() {
    }

    /**
     * A continuous range, spread linearly.
     *
     * @param name the parameter's name, for messages
     * @param min  the lower end, finite
     * @param max  the upper end, finite and &gt; min
     * @return the range
     * @throws IllegalArgumentException if the name is blank, an end is not finite, or {@code min >= max}
     */
    public static DoubleRange range(String name, double min, double max) {
        return new DoubleRange(checkRange(name, min, max), min, max, false);
    }

    /**
     * A continuous range, spread evenly in log space (for scales spanning decades).
     *
     * @param name the parameter's name, for messages
     * @param min  the lower end, finite and &gt; 0
     * @param max  the upper end, finite and &gt; min
     * @return the range
     * @throws IllegalArgumentException as {@link #range}, or if {@code min <= 0}
     */
    public static DoubleRange logRange(String name, double min, double max) {
        checkRange(name, min, max);
        if (!(min > 0)) {
            throw new IllegalArgumentException(name + " log range must have min > 0, was min " + min);
        }
        return new DoubleRange(name, min, max, true);
    }

    /**
     * A discrete choice among values: a {@link FixedValue} for one value, else a {@link DiscreteParameterSpace}.
     *
     * @param name   the parameter's name, for messages
     * @param values one or more values, none null
     * @param <T>    the value type
     * @return the space
     * @throws IllegalArgumentException if the name is blank, values is null or empty, or a value is null
     */
    @SafeVarargs
    public static <T> ParameterSpace<T> values(String name, T... values) {
        checkName(name);
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(name + " values must not be empty: give at least one value");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(name + " values must not contain null, was null at index " + i
                        + " of " + Arrays.toString(values));
            }
        }
        if (values.length == 1) {
            return new FixedValue<>(values[0]);
        }
        if (values[0] instanceof Enum) {
            return enumValues(values);
        }
        return new DiscreteParameterSpace<>(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> ParameterSpace<T> enumValues(T[] values) {
        Class type = ((Enum<?>) values[0]).getDeclaringClass();
        return (ParameterSpace<T>) new EnumValues(type, Arrays.asList(values));
    }

    private static String checkRange(String name, double min, double max) {
        checkName(name);
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(name + " range ends must be finite, was [" + min + ", " + max + "]");
        }
        if (min > max) {
            throw new IllegalArgumentException(name + " range is inverted: min " + min + " > max " + max
                    + " (min must be < max)");
        }
        if (min == max) {
            throw new IllegalArgumentException(name + " range is empty: min == max == " + min
                    + " (use SweepParameters.values(\"" + name + "\", " + min + ") for a fixed value)");
        }
        return name;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, was " + (name == null ? "null"
                    : "\"" + name + "\""));
        }
    }
}
