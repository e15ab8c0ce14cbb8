package org.dl4jinit.lsuv;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.ActivationGain;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.LeCunInit;
import org.dl4jinit.init.XavierInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationPReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/**
 * Picks each layer's weight initializer from its activation function:
 *
 * <table>
 *   <caption>The initializer chosen per activation</caption>
 *   <tr><th>activation</th><th>initializer</th><th>variance of W</th></tr>
 *   <tr><td>RELU, RELU6, LEAKYRELU, RRELU, PRELU (uniform slope), THRESHOLDEDRELU (θ = 0)</td>
 *       <td>{@code new HeInit(a)}, a = the leaky slope ({@link ActivationGain}: α, the mean slope (l+u)/2 of
 *       RReLU, ReLU's negativeSlope)</td><td>2 / ((1 + a²)·fanIn)</td></tr>
 *   <tr><td>ELU, GELU, SWISH, MISH, SOFTPLUS (ReLU-like, unbounded above)</td><td>{@code new HeInit()}</td>
 *       <td>2 / fanIn</td></tr>
 *   <tr><td>SELU</td><td>{@code LeCunInit.normal()} (Klambauer et al. 2017)</td><td>1 / fanIn</td></tr>
 *   <tr><td>TANH</td><td>{@code XavierInit.normal(5/3)} (the tanh gain)</td>
 *       <td>(5/3)² · 2 / (fanIn + fanOut)</td></tr>
 *   <tr><td>everything else: SIGMOID, SOFTSIGN, IDENTITY, HARDTANH, RATIONALTANH, HARDSIGMOID,
 *       RECTIFIEDTANH, CUBE, SOFTMAX, a ReLU family member without a defined gain, unknown classes</td>
 *       <td>{@code XavierInit.normal()} (Glorot &amp; Bengio 2010)</td><td>2 / (fanIn + fanOut)</td></tr>
 * </table>
 *
 * <p>Classes are matched exactly (as in {@link ActivationGain}): a subclass gets Xavier. Applying to a
 * configuration affects networks built from it afterwards; an already initialized network keeps its weights.
 *
 * <p><b>Not the critical gain.</b> AutoInit does not use {@link org.dl4jinit.propagation.CriticalGain}, the σ_w²
 * at which the gradient gain χ is 1 at the variance map's fixed point (Schoenholz et al. 2017). With DL4J's zero
 * biases that point is, per activation: for the rectifiers σ_w² = 2/(1 + a²) at any scale — He, which this table
 * already picks; for tanh, ELU, GELU, Swish, Mish, softsign and hard tanh the trivial fixed point q* = 0, where the
 * signal drains slowly with depth (tanh: σ_w² = 1, activations shrinking like 1/√depth); for sigmoid σ_w² ≈ 103
 * with q* ≈ 46, deep in saturation, failing condition 1; for softplus none at all. None of these starts training
 * better than the fan-scaled choices above, so the table stays. To see where a configuration stands, run
 * {@link org.dl4jinit.propagation.SignalPropagation#analyze} (its χ column) or solve for the critical point with a
 * bias variance, where it is non-trivial (tanh at σ_b² = 0.05: σ_w² ≈ 1.76).
 */
public final class AutoInit {

    private AutoInit() {
    }

    /**
     * @param activation the activation function of a layer
     * @return the initializer for the weights feeding it (see the class table)
     * @throws IllegalArgumentException if the activation is null
     */
    public static IWeightInit forActivation(IActivation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        Class<?> c = activation.getClass();
        if (c == ActivationReLU.class || c == ActivationReLU6.class || c == ActivationLReLU.class
                || c == ActivationRReLU.class || c == ActivationPReLU.class || c == ActivationThresholdedReLU.class) {
            if (ActivationGain.isDefined(activation)) {
                double slope = slope(activation);
                return slope == 0.0 ? new HeInit() : new HeInit(slope);
            }
            return XavierInit.normal();
        }
        if (c == ActivationELU.class || c == ActivationGELU.class || c == ActivationSwish.class
                || c == ActivationMish.class || c == ActivationSoftPlus.class) {
            return new HeInit();
        }
        if (c == ActivationSELU.class) {
            return LeCunInit.normal();
        }
        if (c == ActivationTanH.class) {
            return XavierInit.normal(ActivationGain.TANH);
        }
        return XavierInit.normal();
    }

    /**
     * @param conf a built configuration (not modified)
     * @return a copy in which every layer with weights has the initializer of its activation
     * @throws IllegalArgumentException if the configuration is null
     */
    public static MultiLayerConfiguration apply(MultiLayerConfiguration conf) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        MultiLayerConfiguration copy = conf.clone();
        for (NeuralNetConfiguration c : copy.getConfs()) {
            set(c.getLayer());
        }
        return copy;
    }

    /**
     * @param conf a built graph configuration (not modified)
     * @return a copy in which every layer with weights has the initializer of its activation
     * @throws IllegalArgumentException if the configuration is null
     */
    public static ComputationGraphConfiguration apply(ComputationGraphConfiguration conf) {
        if (conf == null) {
            throw new IllegalArgumentException("conf must not be null");
        }
        ComputationGraphConfiguration copy = conf.clone();
        for (GraphVertex v : copy.getVertices().values()) {
            if (v instanceof LayerVertex) {
                set(((LayerVertex) v).getLayerConf().getLayer());
            }
        }
        return copy;
    }

    /**
     * For use while building: {@code .layer(AutoInit.layer(new DenseLayer.Builder()...activation(TANH).build()))}.
     *
     * @param layer a layer configuration whose activation is set on the layer itself
     * @param <T>   the layer type
     * @return the same layer, with its weight initializer set
     * @throws IllegalArgumentException if the layer is null or has no activation yet (one inherited from the
     *                                  global builder is only set when the list is built: use
     *                                  {@link #apply(MultiLayerConfiguration)} then)
     */
    public static <T extends BaseLayer> T layer(T layer) {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
        if (layer.getActivationFn() == null) {
            throw new IllegalArgumentException("layer " + layer.getLayerName() + " has no activation set on "
                    + "the layer; set .activation(...) on its builder, or apply AutoInit to the built configuration");
        }
        layer.setWeightInitFn(forActivation(layer.getActivationFn()));
        return layer;
    }

    /** The negative slope of a rectifier whose gain is defined (checked by the caller). */
    private static double slope(IActivation fn) {
        if (fn instanceof ActivationLReLU) {
            return ((ActivationLReLU) fn).getAlpha();
        }
        if (fn instanceof ActivationRReLU) {
            return (((ActivationRReLU) fn).getL() + ((ActivationRReLU) fn).getU()) / 2.0;
        }
        if (fn instanceof ActivationPReLU) {
            return ((ActivationPReLU) fn).getAlpha().minNumber().doubleValue();
        }
        if (fn instanceof ActivationReLU && ((ActivationReLU) fn).getNegativeSlope() != null) {
            return ((ActivationReLU) fn).getNegativeSlope();
        }
        return 0.0;
    }

    private static void set(Layer layer) {
        if (layer instanceof BaseLayer && ((BaseLayer) layer).getActivationFn() != null) {
            BaseLayer b = (BaseLayer) layer;
            b.setWeightInitFn(forActivation(b.getActivationFn()));
        }
    }
}
