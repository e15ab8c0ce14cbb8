package org.dl4jinit.sweep;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A named continuous hyperparameter on {@code [min, max]}, linear or logarithmic: Arbiter maps a unit value
 * {@code u ∈ [0, 1]} to {@code min + u·(max − min)} (linear) or {@code exp(ln min + u·(ln max − ln min))} (log).
 * Grid search takes {@code discretizationCount} points including both ends; random and genetic search draw
 * {@code u} uniformly. Create with {@link SweepParameters#range} or {@link SweepParameters#logRange}.
 */
public final class DoubleRange implements ParameterSpace<Double> {

    private final String name;
    private final double min;
    private final double max;
    private final boolean log;
    private int index = -1;

    /** Unchecked; only the validating factories of {@link SweepParameters} call it. */
    DoubleRange(String name, double min, double max, boolean log) {
        this.name = name;
        this.min = min;
        this.max = max;
        this.log = log;
    }

    /**
     * For Arbiter's JSON mapper: validated like {@link SweepParameters#range} and {@link SweepParameters#logRange}.
     *
     * @throws IllegalArgumentException if min or max is missing, or as the factories
     */
    @JsonCreator
    static DoubleRange fromJson(@JsonProperty("name") String name, @JsonProperty("min") Double min,
            @JsonProperty("max") Double max, @JsonProperty("log") boolean log) {
        if (min == null || max == null) {
            throw new IllegalArgumentException("range " + name + " must have both ends in its JSON, was min " + min
                    + ", max " + max);
        }
        return log ? SweepParameters.logRange(name, min, max) : SweepParameters.range(name, min, max);
    }

    /** @return the parameter's name, used in messages */
    public String name() {
        return name;
    }

    /** @return the lower end (inclusive) */
    public double min() {
        return min;
    }

    /** @return the upper end (inclusive) */
    public double max() {
        return max;
    }

    /** @return whether values are spread evenly in log space */
    public boolean isLog() {
        return log;
    }

    @Override
    public Double getValue(double[] parameterValues) {
        if (index < 0) {
            throw new IllegalStateException("range " + name + " has no index: a candidate generator assigns it");
        }
        double u = Math.min(1.0, Math.max(0.0, parameterValues[index]));
        if (log) {
            return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
        }
        return min + u * (max - min);
    }

    @Override
    public int numParameters() {
        return 1;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return Collections.singletonList(this);
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.emptyMap();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public void setIndices(int... indices) {
        if (indices == null || indices.length != 1) {
            throw new IllegalArgumentException("indices must hold exactly one index for range " + name + ", was "
                    + (indices == null ? "null" : indices.length + " indices"));
        }
        this.index = indices[0];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DoubleRange)) {
            return false;
        }
        DoubleRange r = (DoubleRange) o;
        return name.equals(r.name) && Double.compare(min, r.min) == 0 && Double.compare(max, r.max) == 0
                && log == r.log;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, min, max, log);
    }

    @Override
    public String toString() {
        return name + (log ? " log" : "") + "[" + min + ", " + max + "]";
    }
}
