package org.dl4jinit.health;

import java.io.Serializable;
import java.util.Arrays;
import org.nd4j.linalg.activations.IActivation;

/**
 * What the listener knows about one layer of the model, fixed for the model's lifetime: position in depth
 * order, name, type, activation, where its activations and weight gradients are found. Immutable.
 */
public final class LayerInfo implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int index;
    private final String name;
    private final String type;
    private final String activation;
    private final ActivationFamily family;
    private final double bound;
    private final boolean nonNegative;
    private final int activationSlot;
    private final boolean channelsLast;
    private final String[] weightKeys;
    private final String[] gradientKeys;
    private final boolean trainable;
    private final boolean output;
    private final boolean embedding;

    LayerInfo(int index, String name, String type, IActivation activationFn, int activationSlot, boolean channelsLast,
            String[] weightKeys, String[] gradientKeys, boolean trainable, boolean output, boolean embedding) {
        this.index = index;
        this.name = name;
        this.type = type;
        this.activation = activationFn == null ? "none" : activationFn.toString();
        this.family = ActivationFamily.of(activationFn);
        this.bound = ActivationFamily.bound(activationFn);
        this.nonNegative = ActivationFamily.nonNegative(activationFn);
        this.activationSlot = activationSlot;
        this.channelsLast = channelsLast;
        this.weightKeys = weightKeys.clone();
        this.gradientKeys = gradientKeys.clone();
        this.trainable = trainable;
        this.output = output;
        this.embedding = embedding;
    }

    /** @return the position in depth (topological) order, 0 for the first layer */
    public int index() {
        return index;
    }

    /** @return the layer index as a string (MultiLayerNetwork) or the vertex name (ComputationGraph) */
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

    /** Bound of a symmetric activation or lower asymptote of an ELU-like one; NaN otherwise. */
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

    /** Parameter keys of the weights (not biases, not batch-norm statistics). */
    String[] weightKeys() {
        return weightKeys;
    }

    /** Keys of the weight gradients in the model's gradient map ("3_W", "dense_W"). */
    String[] gradientKeys() {
        return gradientKeys;
    }

    /** @return whether the layer has weights */
    public boolean hasWeights() {
        return weightKeys.length > 0;
    }

    /** @return false for frozen layers, whose parameters never change */
    public boolean trainable() {
        return trainable;
    }

    /** @return whether it is an output layer (its activations are not passed to listeners: gradients only) */
    public boolean output() {
        return output;
    }

    /** Whether it maps indices to vectors, so its input's scale is meaningless as a reference. */
    boolean embedding() {
        return embedding;
    }

    /** @return e.g. {@code layer 3 (DenseLayer, tanh)} or {@code vertex "merge" (MergeVertex)} */
    public String describe() {
        boolean numeric = name.equals(Integer.toString(index));
        String head = numeric ? "layer " + name : "layer \"" + name + "\"";
        return head + " (" + type + ("none".equals(activation) ? "" : ", " + activation) + (trainable ? "" : ", frozen")
                + ")";
    }

    @Override
    public String toString() {
        return describe() + " weights=" + Arrays.toString(weightKeys);
    }
}
