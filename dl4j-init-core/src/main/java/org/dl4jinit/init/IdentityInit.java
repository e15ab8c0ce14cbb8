package org.dl4jinit.init;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A scaled identity matrix: {@code W = scale·I}. Le, Jaitly &amp; Hinton ("A Simple Way to Initialize Recurrent
 * Networks of Rectified Linear Units", 2015) initialize the recurrent weights of a ReLU RNN this way (the
 * IRNN, with zero biases): at the start the hidden state is carried over unchanged, so gradients neither vanish
 * nor explode along time. They use {@code scale = 1} for long-range tasks and a smaller scale (e.g. 0.01) for
 * others.
 *
 * <p>Only square rank-2 weights [n, n] are accepted: a Dense/Output layer with nIn = nOut, or the recurrent
 * weight of a {@code SimpleRnn} (set with {@code weightInitRecurrent}). The identity is the same in 'c' and
 * 'f' order. Ignores DL4J's fans and works from the shape.
 */
public final class IdentityInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final double scale;

    /** Scale 1: the IRNN initialization. */
    public IdentityInit() {
        this(1.0);
    }

    /**
     * @param scale the value on the diagonal, finite and &gt; 0
     * @throws IllegalArgumentException if the scale is not finite and positive
     */
    public IdentityInit(double scale) {
        this.scale = Checks.positive("scale", scale);
    }

    @JsonCreator
    private static IdentityInit fromJson(@JsonProperty("scale") Double scale) {
        return new IdentityInit(JsonArgs.number("scale", scale));
    }

    /**
     * @throws IllegalArgumentException if the shape is not square of rank 2, or the scale is not representable in
     *                                  the network's data type
     */
    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.shape(shape, 2, 2, "square of rank 2 [n, n] for an identity weight");
        if (shape[0] != shape[1]) {
            throw new IllegalArgumentException("shape must be square of rank 2 [n, n] for an identity weight, was "
                    + Arrays.toString(shape));
        }
        Checks.representable(this, paramView, "scale", scale, "scale", scale);
        paramView.assign(0.0);
        long n = shape[0];
        for (long i = 0; i < n; i++) {
            paramView.putScalar(WeightShapes.offset(shape, order, i, i), scale);
        }
        return paramView.reshape(order, shape);
    }

    /** @return the value on the diagonal */
    public double getScale() {
        return scale;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof IdentityInit && Double.compare(scale, ((IdentityInit) o).scale) == 0);
    }

    @Override
    public int hashCode() {
        return Objects.hash(IdentityInit.class, scale);
    }

    @Override
    public String toString() {
        return "IdentityInit(scale=" + scale + ")";
    }
}
