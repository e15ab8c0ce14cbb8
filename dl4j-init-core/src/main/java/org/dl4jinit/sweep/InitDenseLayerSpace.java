package org.dl4jinit.sweep;

import java.util.Objects;
import org.deeplearning4j.arbiter.layers.FeedForwardLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Arbiter's dense layer space with an {@link IWeightInit} slot: everything {@code DenseLayerSpace} searches
 * (nIn, nOut, activation, updater, ...) plus {@link Builder#initializer(ParameterSpace)}, which is applied last
 * and so wins over the enum {@code weightInit} and over a network-level initializer.
 *
 * <pre>{@code
 * new InitDenseLayerSpace.Builder().nOut(64).activation(Activation.RELU)
 *         .initializer(InitializerSpace.of(new HeInit(), new XavierInit())).build();
 * }</pre>
 */
public class InitDenseLayerSpace extends FeedForwardLayerSpace<DenseLayer> {

    /** The searched initializer, or null; read by Arbiter's reflection ({@code getNestedSpaces}) and JSON. */
    protected ParameterSpace<IWeightInit> initializer;
    /** Whether the layer has a bias, or null for DL4J's default (true). */
    protected ParameterSpace<Boolean> hasBias;

    /** For Arbiter's JSON mapper. */
    protected InitDenseLayerSpace() {
    }

    private InitDenseLayerSpace(Builder builder) {
        super(builder);
        this.initializer = builder.initializer;
        this.hasBias = builder.hasBias;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /** @return the initializer space, or null (DL4J's or the network's default) */
    public ParameterSpace<IWeightInit> initializer() {
        return initializer;
    }

    @Override
    public DenseLayer getValue(double[] values) {
        DenseLayer.Builder b = new DenseLayer.Builder();
        setLayerOptionsBuilder(b, values);
        if (hasBias != null) {
            b.hasBias(hasBias.getValue(values));
        }
        if (initializer != null) {
            b.weightInit(initializer.getValue(values));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitDenseLayerSpace && super.equals(o)
                && Objects.equals(initializer, ((InitDenseLayerSpace) o).initializer)
                && Objects.equals(hasBias, ((InitDenseLayerSpace) o).hasBias);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), initializer, hasBias);
    }

    @Override
    public String toString(String delim) {
        return "InitDenseLayerSpace(" + (initializer == null ? "" : "initializer: " + initializer + delim)
                + super.toString(delim) + ")";
    }

    /** Builds an {@link InitDenseLayerSpace}. */
    public static class Builder extends FeedForwardLayerSpace.Builder<Builder> {
        /** The initializer space set by {@link #initializer(ParameterSpace)}, or null. */
        protected ParameterSpace<IWeightInit> initializer;
        /** The bias flag set by {@link #hasBias(boolean)}, or null. */
        protected ParameterSpace<Boolean> hasBias;

        /**
         * @param inits one or more initializers (a discrete choice if more than one)
         * @return this
         * @throws IllegalArgumentException if inits is empty or contains null
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

        /** @return this, with a fixed bias flag */
        public Builder hasBias(boolean hasBias) {
            this.hasBias = new FixedValue<>(hasBias);
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InitDenseLayerSpace build() {
            return new InitDenseLayerSpace(this);
        }
    }
}
