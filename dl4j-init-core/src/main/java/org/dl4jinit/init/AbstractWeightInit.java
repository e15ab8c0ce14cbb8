package org.dl4jinit.init;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAnySetter;

/**
 * What every initializer of the package does the same way at DL4J's two entry points, so that no single class
 * can forget it:
 * <ul>
 *   <li>{@link #init}: an {@link IllegalArgumentException} raised while filling says which DL4J layer type and
 *       weight was being filled (see {@link WeightSite}); {@link NetworkInit} adds the layer's index and name.</li>
 *   <li>JSON: a property the initializer does not have is an error, not ignored as DL4J's mapper ignores unknown
 *       properties elsewhere (see {@link JsonArgs#unknownProperty}).</li>
 * </ul>
 * Subclasses are final value classes; this class has no state.
 */
abstract class AbstractWeightInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    @Override
    public final INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        try {
            return fill(fanIn, fanOut, shape, order, paramView);
        } catch (IllegalArgumentException e) {
            throw WeightSite.current().explain(e, shape, paramView);
        }
    }

    /**
     * Fills {@code paramView} in place and returns {@code paramView.reshape(order, shape)}; the arguments are
     * those of {@link IWeightInit#init}.
     *
     * @throws IllegalArgumentException if the weight cannot be initialized as configured (wrong shape, weights not
     *                                  representable in the view's data type)
     */
    abstract INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView);

    /** Called by Jackson for a JSON property that no creator parameter takes. */
    @JsonAnySetter
    private void rejectUnknownProperty(String name, Object value) {
        throw JsonArgs.unknownProperty(getClass(), name);
    }
}
