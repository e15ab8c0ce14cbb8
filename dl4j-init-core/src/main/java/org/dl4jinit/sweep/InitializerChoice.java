package org.dl4jinit.sweep;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.InitDistribution;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.init.SmallRandomInit;
import org.dl4jinit.init.VarianceScalingInit;
import org.dl4jinit.init.XavierInit;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * One option of an {@link InitializerSpace}: a fixed initializer instance, or an initializer kind whose
 * hyperparameters are themselves Arbiter parameter spaces (gain, scale, fan mode, negative slope, factor).
 *
 * <pre>{@code
 * InitializerChoice.fixed(new ZeroInit());
 * InitializerChoice.xavier(SweepParameters.range("gain", 0.5, 2.0));
 * InitializerChoice.he(SweepParameters.values("negativeSlope", 0.0, 0.01), SweepParameters.values("mode",
 *         FanMode.FAN_IN, FanMode.FAN_OUT));
 * InitializerChoice.lsuv();
 * }</pre>
 *
 * <p>Continuous ranges are checked against the initializer's domain here (gain, scale and factor must be
 * &gt; 0, a negative slope &gt;= 0); values of a discrete space are checked when a candidate is built.
 */
public final class InitializerChoice implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What the choice builds. */
    public enum Kind {
        /** A fixed instance (including {@link LsuvInit}). */
        FIXED,
        /** {@link HeInit}(NORMAL, mode, negativeSlope). */
        HE,
        /** {@link XavierInit}(UNIFORM, gain). */
        XAVIER,
        /** {@link OrthogonalInit}(gain). */
        ORTHOGONAL,
        /** {@link VarianceScalingInit}(scale, mode, TRUNCATED_NORMAL). */
        VARIANCE_SCALING,
        /** {@link SmallRandomInit}(factor). */
        SMALL_RANDOM
    }

    private final Kind kind;
    private final IWeightInit instance;
    private final LinkedHashMap<String, ParameterSpace> parameters;

    private InitializerChoice(Kind kind, IWeightInit instance, LinkedHashMap<String, ParameterSpace> parameters) {
        this.kind = kind;
        this.instance = instance;
        this.parameters = parameters == null ? new LinkedHashMap<>() : parameters;
    }

    /**
     * For Arbiter's JSON mapper: goes through the validating factory of the kind ({@link #fixed}, {@link #he},
     * ...), so a restored choice obeys the same rules as a built one.
     *
     * @throws IllegalArgumentException if the kind is missing, a fixed choice has no instance or has parameters,
     *                                  another kind has an instance or not exactly its parameters, or a
     *                                  parameter is outside the initializer's domain
     */
    @JsonCreator
    static InitializerChoice fromJson(@JsonProperty("kind") Kind kind, @JsonProperty("instance") IWeightInit instance,
            @JsonProperty("parameters") LinkedHashMap<String, ParameterSpace> parameters) {
        if (kind == null) {
            throw new IllegalArgumentException("initializer choice must have a kind, one of "
                    + Arrays.toString(Kind.values()) + ", was null");
        }
        Map<String, ParameterSpace> p = parameters == null ? Map.of() : parameters;
        if (kind == Kind.FIXED) {
            if (!p.isEmpty()) {
                throw new IllegalArgumentException("initializer choice FIXED must have no parameters, was "
                        + p.keySet());
            }
            return fixed(instance);
        }
        if (instance != null) {
            throw new IllegalArgumentException("initializer choice " + kind + " must have no instance (only FIXED "
                    + "has one), was " + instance);
        }
        List<String> expected = switch (kind) {
            case HE -> List.of("negativeSlope", "mode");
            case XAVIER, ORTHOGONAL -> List.of("gain");
            case VARIANCE_SCALING -> List.of("scale", "mode");
            default -> List.of("factor");
        };
        if (!p.keySet().equals(Set.copyOf(expected))) {
            throw new IllegalArgumentException("initializer choice " + kind + " must have the parameters "
                    + expected + ", was " + p.keySet());
        }
        return switch (kind) {
            case HE -> he(p.get("negativeSlope"), p.get("mode"));
            case XAVIER -> xavier(p.get("gain"));
            case ORTHOGONAL -> orthogonal(p.get("gain"));
            case VARIANCE_SCALING -> varianceScaling(p.get("scale"), p.get("mode"));
            default -> smallRandom(p.get("factor"));
        };
    }

    /**
     * @param init the initializer, not null
     * @return a choice with nothing to search inside
     */
    public static InitializerChoice fixed(IWeightInit init) {
        if (init == null) {
            throw new IllegalArgumentException("init must not be null");
        }
        return new InitializerChoice(Kind.FIXED, init, null);
    }

    /** @return LSUV with orthogonal pre-init and the paper's settings (see {@link LsuvInit}) */
    public static InitializerChoice lsuv() {
        return fixed(new LsuvInit());
    }

    /**
     * @param gain the gain, &gt; 0
     * @return Xavier-uniform with a searched gain
     */
    public static InitializerChoice xavier(ParameterSpace<Double> gain) {
        return new InitializerChoice(Kind.XAVIER, null, params("XavierInit", "gain", gain, true));
    }

    /**
     * @param gain the gain, &gt; 0
     * @return orthogonal with a searched gain
     */
    public static InitializerChoice orthogonal(ParameterSpace<Double> gain) {
        return new InitializerChoice(Kind.ORTHOGONAL, null, params("OrthogonalInit", "gain", gain, true));
    }

    /**
     * @param negativeSlope the rectifier's slope for x &lt; 0, &gt;= 0
     * @param mode          the fan mode
     * @return He-normal with a searched slope and fan mode
     */
    public static InitializerChoice he(ParameterSpace<Double> negativeSlope, ParameterSpace<FanMode> mode) {
        LinkedHashMap<String, ParameterSpace> p = params("HeInit", "negativeSlope", negativeSlope, false);
        p.put("mode", notNull("mode", mode));
        return new InitializerChoice(Kind.HE, null, p);
    }

    /**
     * @param scale the numerator of the variance, &gt; 0
     * @param mode  the fan mode
     * @return variance scaling (truncated normal) with a searched scale and fan mode
     */
    public static InitializerChoice varianceScaling(ParameterSpace<Double> scale, ParameterSpace<FanMode> mode) {
        LinkedHashMap<String, ParameterSpace> p = params("VarianceScalingInit", "scale", scale, true);
        p.put("mode", notNull("mode", mode));
        return new InitializerChoice(Kind.VARIANCE_SCALING, null, p);
    }

    /**
     * @param factor the standard deviation, &gt; 0
     * @return N(0,1)·factor with a searched factor
     */
    public static InitializerChoice smallRandom(ParameterSpace<Double> factor) {
        return new InitializerChoice(Kind.SMALL_RANDOM, null, params("SmallRandomInit", "factor", factor, true));
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the nested hyperparameter spaces by name, in order (empty for a fixed choice) */
    public Map<String, ParameterSpace> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    /**
     * Builds the initializer for a candidate.
     *
     * @param values the candidate's unit values, indexed by the nested leaves' indices
     * @return the initializer
     * @throws IllegalArgumentException if a discrete value is outside the initializer's domain
     */
    @SuppressWarnings("unchecked")
    public IWeightInit build(double[] values) {
        switch (kind) {
            case FIXED:
                return instance;
            case HE:
                return new HeInit(InitDistribution.NORMAL, (FanMode) parameters.get("mode").getValue(values),
                        (Double) parameters.get("negativeSlope").getValue(values));
            case XAVIER:
                return new XavierInit(InitDistribution.UNIFORM, (Double) parameters.get("gain").getValue(values));
            case ORTHOGONAL:
                return new OrthogonalInit((Double) parameters.get("gain").getValue(values));
            case VARIANCE_SCALING:
                return new VarianceScalingInit((Double) parameters.get("scale").getValue(values),
                        (FanMode) parameters.get("mode").getValue(values), InitDistribution.TRUNCATED_NORMAL);
            default:
                return new SmallRandomInit((Double) parameters.get("factor").getValue(values));
        }
    }

    private static LinkedHashMap<String, ParameterSpace> params(String initializer, String name,
            ParameterSpace<Double> space, boolean strictlyPositive) {
        notNull(name, space);
        double lo;
        double hi;
        if (space instanceof DoubleRange) {
            lo = ((DoubleRange) space).min();
            hi = ((DoubleRange) space).max();
        } else if (space instanceof FixedValue) {
            Object v = ((FixedValue<?>) space).getValue();
            lo = v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
            hi = lo;
        } else {
            lo = Double.NaN;
            hi = Double.NaN;
        }
        if (!Double.isNaN(lo) && (strictlyPositive ? !(lo > 0) : !(lo >= 0))) {
            throw new IllegalArgumentException(name + " " + (lo == hi ? "value " + lo : "range [" + lo + ", " + hi
                    + "]") + " is outside the domain of " + initializer + ": " + name + " must be "
                    + (strictlyPositive ? "> 0" : ">= 0"));
        }
        LinkedHashMap<String, ParameterSpace> p = new LinkedHashMap<>();
        p.put(name, space);
        return p;
    }

    private static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof InitializerChoice)) {
            return false;
        }
        InitializerChoice c = (InitializerChoice) o;
        return kind == c.kind && Objects.equals(instance, c.instance) && parameters.equals(c.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, instance, parameters);
    }

    @Override
    public String toString() {
        return kind == Kind.FIXED ? instance.toString() : kind + parameters.toString();
    }
}
