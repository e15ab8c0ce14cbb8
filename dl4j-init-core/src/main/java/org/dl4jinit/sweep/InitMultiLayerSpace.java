package org.dl4jinit.sweep;

import java.util.List;
import java.util.Objects;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.TaskCreatorProvider;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.arbiter.util.LeafUtils;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * Arbiter's {@link MultiLayerSpace} with a network-level {@link IWeightInit} choice: the searched initializer is
 * set on the global {@code NeuralNetConfiguration.Builder}, so every layer that does not set its own initializer
 * gets it (DL4J's usual inheritance of global settings).
 *
 * <pre>{@code
 * MultiLayerSpace space = new InitMultiLayerSpace.Builder()
 *         .initializer(InitializerSpace.of(new XavierInit(), new HeInit(), new LsuvInit()))
 *         .seed(42).updater(new Adam(1e-3))
 *         .addLayer(new DenseLayerSpace.Builder().nOut(64).activation(Activation.RELU).build())
 *         .addLayer(new OutputLayerSpace.Builder().nOut(10).lossFunction(LossFunction.MCXENT)
 *                 .activation(Activation.SOFTMAX).build())
 *         .setInputType(InputType.feedForward(784))
 *         .build();                                   // an InitMultiLayerSpace
 * }</pre>
 *
 * <p>Call {@link Builder#initializer} first: the inherited builder methods return Arbiter's
 * {@code MultiLayerSpace.Builder} type. {@code build()} still returns this class.
 */
public class InitMultiLayerSpace extends MultiLayerSpace {

    static {
        TaskCreatorProvider.registerDefaultTaskCreatorClass(InitMultiLayerSpace.class,
                MultiLayerNetworkTaskCreator.class);
    }

    /** The searched initializer, or null; read by Arbiter's reflection ({@code getNestedSpaces}) and JSON. */
    protected ParameterSpace<IWeightInit> initializer;

    /** For Arbiter's JSON mapper. */
    protected InitMultiLayerSpace() {
    }

    /**
     * Builds the space from a builder; subclasses call it from their builder's {@code build()}.
     *
     * @param builder the builder, with the network-level initializer (or none) and Arbiter's settings
     */
    protected InitMultiLayerSpace(Builder builder) {
        super(builder);
        this.initializer = builder.initializer;
        // MultiLayerSpace counted its leaves before this field was set
        int n = 0;
        List<ParameterSpace> unique = LeafUtils.getUniqueObjects(collectLeaves());
        for (ParameterSpace p : unique) {
            n += p.numParameters();
        }
        this.numParameters = n;
    }

    /** @return the network-level initializer space, or null */
    public ParameterSpace<IWeightInit> initializer() {
        return initializer;
    }

    @Override
    protected NeuralNetConfiguration.Builder randomGlobalConf(double[] values) {
        NeuralNetConfiguration.Builder b = super.randomGlobalConf(values);
        if (initializer != null) {
            b.weightInit(initializer.getValue(values));
        }
        return b;
    }

    /**
     * @param json JSON written by {@link #toJson()}
     * @return the space
     * @throws IllegalArgumentException if the JSON is not an InitMultiLayerSpace
     */
    public static InitMultiLayerSpace fromJson(String json) {
        MultiLayerSpace s = MultiLayerSpace.fromJson(json);
        if (!(s instanceof InitMultiLayerSpace)) {
            throw new IllegalArgumentException("json must describe an InitMultiLayerSpace, was "
                    + s.getClass().getName());
        }
        return (InitMultiLayerSpace) s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitMultiLayerSpace && super.equals(o)
                && Objects.equals(initializer, ((InitMultiLayerSpace) o).initializer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), initializer);
    }

    @Override
    public String toString() {
        return (initializer == null ? "" : "initializer: " + initializer + "\n") + super.toString();
    }

    /** Builds an {@link InitMultiLayerSpace}. */
    public static class Builder extends MultiLayerSpace.Builder {
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
         * @param space the network-level initializer space, not null
         * @return this
         */
        public Builder initializer(ParameterSpace<IWeightInit> space) {
            this.initializer = Spaces.notNull("initializer", space);
            return this;
        }

        @Override
        public InitMultiLayerSpace build() {
            return new InitMultiLayerSpace(this);
        }
    }
}
