package org.dl4jinit.health;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.activations.IActivation;

/**
 * The one description of a layer that the health reports, the records, the UI and the LSUV reports share: its
 * position in depth order, its name, type, activation, initializer and role. Immutable.
 *
 * <p><b>Names.</b> A layer's name is the name its configuration gives it ({@code .name("enc")}, a graph's vertex
 * name), else its index in depth order as a string ("3"). DL4J names unnamed {@code MultiLayerNetwork} layers
 * "layer0", "layer1", ...; those automatic names count as unset, so an unnamed layer 3 is "3" in health tables,
 * LSUV reports, records and on the page alike.
 *
 * <p>Descriptions built from a live model ({@link #layers(Model)}) also know where the listener finds the
 * layer's activations and weight gradients; descriptions decoded from a record know only what is recorded.
 */
public final class LayerInfo implements Serializable {

    private static final long serialVersionUID = 2L;
    private static final String[] NONE = new String[0];

    private final int index;
    private final String name;
    private final String type;
    private final String activation;
    private final ActivationFamily family;
    private final String initializer;
    private final boolean hasWeights;
    private final boolean trainable;
    private final boolean output;
    // known from the live model only (not recorded)
    private final double bound;
    private final boolean nonNegative;
    private final int activationSlot;
    private final boolean channelsLast;
    private final String[] weightKeys;
    private final String[] gradientKeys;
    private final boolean embedding;
    private final ValueRules valueRules;

    /**
     * A recorded description (what records and static infos carry).
     *
     * @param index       position in depth order, &gt;= 0
     * @param name        the layer's name (see the class comment), not null
     * @param type        the configuration's simple class name, e.g. "DenseLayer", not null
     * @param activation  the activation function, e.g. "tanh", or "none", not null
     * @param family      where the activation saturates, not null
     * @param initializer the configured weight initializer, e.g. "XavierInit(UNIFORM, gain=1.6667)", or "none"
     * @param hasWeights  whether it has weights
     * @param trainable   false for frozen layers
     * @param output      whether it is an output layer
     * @throws IllegalArgumentException for a negative index or a null argument
     */
    public LayerInfo(int index, String name, String type, String activation, ActivationFamily family,
            String initializer, boolean hasWeights, boolean trainable, boolean output) {
        this(index, name, type, activation, family, initializer, hasWeights, trainable, output, Double.NaN, false,
                -1, false, NONE, NONE, false, ValueRules.OWN);
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
    }

    private LayerInfo(int index, String name, String type, String activation, ActivationFamily family,
            String initializer, boolean hasWeights, boolean trainable, boolean output, double bound,
            boolean nonNegative, int activationSlot, boolean channelsLast, String[] weightKeys,
            String[] gradientKeys, boolean embedding, ValueRules valueRules) {
        this.index = index;
        this.name = requireNonNull("name", name);
        this.type = requireNonNull("type", type);
        this.activation = requireNonNull("activation", activation);
        this.family = requireNonNull("family", family);
        this.initializer = requireNonNull("initializer", initializer);
        this.hasWeights = hasWeights;
        this.trainable = trainable;
        this.output = output;
        this.bound = bound;
        this.nonNegative = nonNegative;
        this.activationSlot = activationSlot;
        this.channelsLast = channelsLast;
        this.weightKeys = weightKeys.clone();
        this.gradientKeys = gradientKeys.clone();
        this.embedding = embedding;
        this.valueRules = valueRules;
    }

    /**
     * A description of a live layer without a known initializer (the form {@code LayerReducer}'s tests build).
     */
    LayerInfo(int index, String name, String type, IActivation activationFn, int activationSlot, boolean channelsLast,
            String[] weightKeys, String[] gradientKeys, boolean trainable, boolean output, boolean embedding) {
        this(index, name, type, activationFn == null ? "none" : activationFn.toString(),
                ActivationFamily.of(activationFn), "none", weightKeys.length > 0, trainable, output,
                ActivationFamily.bound(activationFn), ActivationFamily.nonNegative(activationFn), activationSlot,
                channelsLast, weightKeys, gradientKeys, embedding, ValueRules.OWN);
    }

    /** A description of a live layer, with where its activations and gradients are found. */
    static LayerInfo live(int index, String name, String type, IActivation activationFn, String initializer,
            int activationSlot, boolean channelsLast, String[] weightKeys, String[] gradientKeys, boolean trainable,
            boolean output, boolean embedding) {
        return new LayerInfo(index, name, type, activationFn == null ? "none" : activationFn.toString(),
                ActivationFamily.of(activationFn), initializer, weightKeys.length > 0, trainable, output,
                ActivationFamily.bound(activationFn), ActivationFamily.nonNegative(activationFn), activationSlot,
                channelsLast, weightKeys, gradientKeys, embedding, ValueRules.OWN);
    }

    /** The same live layer judged by other value rules (decided from the graph around it). */
    LayerInfo withValueRules(ValueRules rules) {
        return new LayerInfo(index, name, type, activation, family, initializer, hasWeights, trainable, output, bound,
                nonNegative, activationSlot, channelsLast, weightKeys, gradientKeys, embedding, rules);
    }

    /**
     * The layers of a model in depth order (a {@code MultiLayerNetwork}'s layer order; a
     * {@code ComputationGraph}'s topological order without its inputs), as health reports and LSUV reports
     * list them.
     *
     * @param model an initialized MultiLayerNetwork or ComputationGraph
     * @return its layers
     * @throws IllegalArgumentException for any other model type
     */
    public static List<LayerInfo> layers(Model model) {
        return ModelLayout.of(model).layers();
    }

    /** @return the position in depth (topological) order, 0 for the first layer */
    public int index() {
        return index;
    }

    /** @return the layer's name: its configured name, else its index (see the class comment) */
    public String name() {
        return name;
    }

    /** @return the configuration class's simple name, e.g. "DenseLayer" (wrapped type for frozen layers) */
    public String type() {
        return type;
    }

    /** @return the activation function, e.g. "tanh", or "none" for layers without one */
    public String activation() {
        return activation;
    }

    /** @return where the activation saturates */
    public ActivationFamily family() {
        return family;
    }

    /** @return the configured weight initializer ({@code toString()} of its IWeightInit), or "none" */
    public String initializer() {
        return initializer;
    }

    /** @return whether the layer has weights */
    public boolean hasWeights() {
        return hasWeights;
    }

    /** @return false for frozen layers, whose parameters never change */
    public boolean trainable() {
        return trainable;
    }

    /** @return whether it is an output layer (its activations are not passed to listeners: gradients only) */
    public boolean output() {
        return output;
    }

    /** Bound of a symmetric activation or lower asymptote of an ELU-like one; NaN otherwise or when decoded. */
    double bound() {
        return bound;
    }

    /** Whether the activation's outputs are never negative. */
    boolean nonNegative() {
        return nonNegative;
    }

    /** Index into MultiLayerNetwork's forward-pass list, −1 when the layer's output is not passed. */
    int activationSlot() {
        return activationSlot;
    }

    /** Whether the units (channels) are the last dimension (NHWC, NWC). */
    boolean channelsLast() {
        return channelsLast;
    }

    /** Parameter keys of the weights (not biases, not batch-norm statistics); empty when decoded. */
    String[] weightKeys() {
        return weightKeys;
    }

    /** Keys of the weight gradients in the model's gradient map ("3_W", "dense_W"); empty when decoded. */
    String[] gradientKeys() {
        return gradientKeys;
    }

    /** Whether it maps indices to vectors, so its input's scale is meaningless as a reference. */
    boolean embedding() {
        return embedding;
    }

    /** Which rules judge its activation values ({@link ValueRules#OWN} when decoded). */
    ValueRules valueRules() {
        return valueRules == null ? ValueRules.OWN : valueRules;
    }

    /** @return e.g. {@code layer 3 (DenseLayer, tanh)} or {@code layer "merge" (MergeVertex)} */
    public String describe() {
        boolean numeric = name.equals(Integer.toString(index));
        String head = numeric ? "layer " + name : "layer \"" + name + "\"";
        return head + " (" + type + ("none".equals(activation) ? "" : ", " + activation) + (trainable ? "" : ", frozen")
                + ")";
    }

    /** Equal when every recorded property is equal (what a record keeps of a layer). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LayerInfo)) {
            return false;
        }
        LayerInfo l = (LayerInfo) o;
        return index == l.index && name.equals(l.name) && type.equals(l.type) && activation.equals(l.activation)
                && family == l.family && initializer.equals(l.initializer) && hasWeights == l.hasWeights
                && trainable == l.trainable && output == l.output;
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name, type, activation, family, initializer, hasWeights, trainable, output);
    }

    @Override
    public String toString() {
        return describe() + " init=" + initializer + " weights=" + Arrays.toString(weightKeys);
    }

    private static <T> T requireNonNull(String what, T value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
