package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.arbiter.optimize.serde.jackson.JsonMapper;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.FanMode;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * An Arbiter {@code ParameterSpace<IWeightInit>}: a discrete choice among {@link InitializerChoice}s, each
 * possibly with nested hyperparameters. The selector (a {@link DiscreteParameterSpace} over choice indices,
 * omitted for a single choice) and every nested leaf are returned by {@link #collectLeaves()}, so Arbiter's
 * grid, random and genetic generators assign them indices and search them like any other leaf.
 *
 * <pre>{@code
 * InitializerSpace inits = InitializerSpace.of(new ZeroInit(), new SmallRandomInit(), new XavierInit(),
 *         new HeInit(), new OrthogonalInit(), new LsuvInit());
 * InitializerSpace gains = InitializerSpace.of(InitializerChoice.xavier(SweepParameters.range("gain", 0.5, 2)),
 *         InitializerChoice.he(SweepParameters.values("negativeSlope", 0.0, 0.1),
 *                 SweepParameters.values("mode", FanMode.FAN_IN)));
 * }</pre>
 *
 * <p>Grid caveat (Arbiter's flat encoding): a grid covers the product of the selector and every nested leaf,
 * so a choice's nested values are also enumerated while another choice is selected; such candidates build the
 * same network. Keep nested ranges small in grids, or use random search.
 *
 * <p>Round-trips through Arbiter's JSON mapper ({@link #toJson()}/{@link #fromJson(String)}), alone or inside a
 * network space.
 */
public final class InitializerSpace implements ParameterSpace<IWeightInit> {

    private final List<InitializerChoice> choices;
    private final DiscreteParameterSpace<Integer> selector;

    @JsonCreator
    private InitializerSpace(@JsonProperty("choices") List<InitializerChoice> choices,
            @JsonProperty("selector") DiscreteParameterSpace<Integer> selector) {
        this.choices = choices;
        this.selector = selector;
    }

    /**
     * @param choices one or more choices, none null
     * @return the space
     * @throws IllegalArgumentException if choices is null or empty or contains null
     */
    public static InitializerSpace of(InitializerChoice... choices) {
        if (choices == null || choices.length == 0) {
            throw new IllegalArgumentException(
                    "choices must not be empty: an initializer space needs at least one initializer choice");
        }
        List<InitializerChoice> list = new ArrayList<>(choices.length);
        for (int i = 0; i < choices.length; i++) {
            if (choices[i] == null) {
                throw new IllegalArgumentException("choices must not contain null, was null at index " + i);
            }
            list.add(choices[i]);
        }
        DiscreteParameterSpace<Integer> selector = null;
        if (list.size() > 1) {
            Integer[] idx = new Integer[list.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            selector = new DiscreteParameterSpace<>(idx);
        }
        return new InitializerSpace(List.copyOf(list), selector);
    }

    /**
     * @param inits one or more fixed initializers, none null
     * @return a discrete space over the instances
     * @throws IllegalArgumentException if inits is null or empty or contains null
     */
    public static InitializerSpace of(IWeightInit... inits) {
        if (inits == null || inits.length == 0) {
            throw new IllegalArgumentException(
                    "inits must not be empty: an initializer space needs at least one initializer");
        }
        InitializerChoice[] c = new InitializerChoice[inits.length];
        for (int i = 0; i < inits.length; i++) {
            if (inits[i] == null) {
                throw new IllegalArgumentException("inits must not contain null, was null at index " + i);
            }
            c[i] = InitializerChoice.fixed(inits[i]);
        }
        return of(c);
    }

    /**
     * The families an initializer search compares, each over decades of scale, for random search: {zero,
     * N(0,1)·f with f log-uniform in [1e-4, 1], Xavier with gain log-uniform in [0.1, 10], He with gain
     * log-uniform in [0.1, 10], orthogonal with gain log-uniform in [0.1, 10], LSUV}. He with gain g has
     * Var[W] = g²·2/fanIn: variance scaling over fan-in with scale 2g², so g log-uniform in [0.1, 10] is the scale
     * log-uniform in [0.02, 200] (reported as {@code VarianceScalingInit(scale=..., mode=FAN_IN, ...)}).
     *
     * @return the space (six choices; random search picks each with probability 1/6)
     */
    public static InitializerSpace familiesOverDecades() {
        return of(InitializerChoice.fixed(new ZeroInit()),
                InitializerChoice.smallRandom(SweepParameters.logRange("factor", 1e-4, 1)),
                InitializerChoice.xavier(SweepParameters.logRange("gain", 0.1, 10)),
                InitializerChoice.varianceScaling(SweepParameters.logRange("scale", 0.02, 200),
                        SweepParameters.values("mode", FanMode.FAN_IN)),
                InitializerChoice.orthogonal(SweepParameters.logRange("gain", 0.1, 10)),
                InitializerChoice.lsuv());
    }

    /** @return the choices, in order */
    public List<InitializerChoice> choices() {
        return choices;
    }

    @Override
    public IWeightInit getValue(double[] parameterValues) {
        int i = selector == null ? 0 : selector.getValue(parameterValues);
        return choices.get(i).build(parameterValues);
    }

    @Override
    public int numParameters() {
        return LeafUtils.countUniqueParameters(collectLeaves());
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> out = new ArrayList<>();
        for (ParameterSpace p : getNestedSpaces().values()) {
            out.addAll(p.collectLeaves());
        }
        return out;
    }

    /** @return "choice" → the selector (if more than one choice), then "i.KIND.name" → each nested space */
    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> m = new LinkedHashMap<>();
        if (selector != null) {
            m.put("choice", selector);
        }
        for (int i = 0; i < choices.size(); i++) {
            for (Map.Entry<String, ParameterSpace> e : choices.get(i).parameters().entrySet()) {
                m.put(i + "." + choices.get(i).kind() + "." + e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("InitializerSpace is not a leaf: indices are set on its leaves "
                + "(collectLeaves()), not on the space; was given " + Arrays.toString(indices));
    }

    /** @return the space as JSON, with Arbiter's mapper */
    public String toJson() {
        try {
            return JsonMapper.getMapper().writeValueAsString(this);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the initializer space as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * @param json JSON written by {@link #toJson()}
     * @return the space
     * @throws IllegalArgumentException if the JSON cannot be read as an initializer space
     */
    public static InitializerSpace fromJson(String json) {
        try {
            return JsonMapper.getMapper().readValue(json, InitializerSpace.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("json is not an initializer space: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof InitializerSpace && choices.equals(((InitializerSpace) o).choices));
    }

    @Override
    public int hashCode() {
        return Objects.hash(choices);
    }

    @Override
    public String toString() {
        return "InitializerSpace" + choices;
    }
}
