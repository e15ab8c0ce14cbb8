package org.dl4jinit.sweep;

import java.util.Objects;
import org.deeplearning4j.arbiter.layers.BaseOutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Arbiter's output layer space with an {@link IWeightInit} slot (see {@link InitDenseLayerSpace}): loss,
 * nOut, activation, ... as in {@code OutputLayerSpace}, plus {@link Builder#initializer(ParameterSpace)}.
 */
public class InitOutputLayerSpace extends BaseOutputLayerSpace<OutputLayer> {

    /** The searched initializer, or null; read by Arbiter's reflection ({@code getNestedSpaces}) and JSON. */
    protected ParameterSpace<IWeightInit> initializer;

    /** For Arbiter's JSON mapper. */
    protected InitOutputLayerSpace() {
    }

    private InitOutputLayerSpace(Builder builder) {
        super(builder);
        this.initializer = builder.initializer;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /** @return the initializer space, or null */
    public ParameterSpace<IWeightInit> initializer() {
        return initializer;
    }

    @Override
    public OutputLayer getValue(double[] values) {
        OutputLayer.Builder b = new OutputLayer.Builder();
        setLayerOptionsBuilder(b, values);
        if (initializer != null) {
            b.weightInit(initializer.getValue(values));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitOutputLayerSpace && super.equals(o)
                && Objects.equals(initializer, ((InitOutputLayerSpace) o).initializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), initializer);
    }

    @Override
    public String toString(String delim) {
        return "InitOutputLayerSpace(" + (initializer == null ? "" : "initializer: " + initializer + delim)
                + super.toString(delim) + ")";
    }

    /** Builds an {@link InitOutputLayerSpace}. */
    public static class Builder extends BaseOutputLayerSpace.Builder<Builder> {
        /** The initializer space set by {@link #initializer(ParameterSpace)}, or null. */
        protected ParameterSpace<IWeightInit> initializer;

        /**
         * @param inits one or more initializers (a discrete choice if more than one)
         * @return this
         */
        public Builder initializer(IWeightInit... inits) {
            return initializer(InitializerSpace.of(inits));
        }

        /**
         * @param space the initializer space, not null
         * @return this
         */
        public Builder initializer(ParameterSpace<IWeightInit> space) {
            this.initializer = Spaces.notNull("initializer", space);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InitOutputLayerSpace build() {
            return new InitOutputLayerSpace(this);
        }
    }
}
