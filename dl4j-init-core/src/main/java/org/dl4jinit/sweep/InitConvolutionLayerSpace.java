package org.dl4jinit.sweep;

import java.util.Objects;
import org.deeplearning4j.arbiter.layers.BaseConvolutionLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Arbiter's 2D convolution layer space with an {@link IWeightInit} slot (see {@link InitDenseLayerSpace}):
 * kernel, stride, padding, dilation, convolution mode, nOut, activation, ... plus
 * {@link Builder#initializer(ParameterSpace)}. DL4J passes conv initializers fanIn = nIn·kH·kW and
 * fanOut = nOut·kH·kW/(sH·sW).
 */
public class InitConvolutionLayerSpace extends BaseConvolutionLayerSpace<ConvolutionLayer> {

    /** The searched initializer, or null; read by Arbiter's reflection ({@code getNestedSpaces}) and JSON. */
    protected ParameterSpace<IWeightInit> initializer;

    /** For Arbiter's JSON mapper. */
    protected InitConvolutionLayerSpace() {
    }

    private InitConvolutionLayerSpace(Builder builder) {
        super(builder);
        this.initializer = builder.initializer;
        this.numParameters = LeafUtils.countUniqueParameters(collectLeaves());
    }

    /** @return the initializer space, or null */
    public ParameterSpace<IWeightInit> initializer() {
        return initializer;
    }

    @Override
    public ConvolutionLayer getValue(double[] values) {
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder();
        setLayerOptionsBuilder(b, values);
        if (initializer != null) {
            b.weightInit(initializer.getValue(values));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitConvolutionLayerSpace && super.equals(o)
                && Objects.equals(initializer, ((InitConvolutionLayerSpace) o).initializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), initializer);
    }

    @Override
    public String toString(String delim) {
        return "InitConvolutionLayerSpace(" + (initializer == null ? "" : "initializer: " + initializer + delim)
                + super.toString(delim) + ")";
    }

    /** Builds an {@link InitConvolutionLayerSpace}. */
    public static class Builder extends BaseConvolutionLayerSpace.Builder<Builder> {
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
        public InitConvolutionLayerSpace build() {
            return new InitConvolutionLayerSpace(this);
        }
    }
}
