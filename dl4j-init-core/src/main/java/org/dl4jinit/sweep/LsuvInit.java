package org.dl4jinit.sweep;

import java.util.Objects;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.dl4jinit.init.OrthogonalInit;
import org.dl4jinit.lsuv.Lsuv;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * LSUV as a sweep candidate: initializes like its pre-initializer (orthogonal by default, as in Mishkin &amp;
 * Matas 2016) and marks the network for data-dependent initialization. {@link SweepTaskCreator} sees the marker
 * on any layer of a built candidate and runs {@link Lsuv} (with these tolerance and iteration settings, keeping
 * the pre-initialized weights) on the first training batch, before training starts.
 *
 * <p>Outside a sweep it is just its pre-initializer: {@code net.init()} alone does not run LSUV.
 */
public final class LsuvInit implements IWeightInit {

    private static final long serialVersionUID = 1L;

    private final IWeightInit preInit;
    private final double tolerance;
    private final int maxIterations;

    /** Orthogonal pre-init, the paper's tolerance 0.1 and 10 iterations. */
    public LsuvInit() {
        this(new OrthogonalInit(), Lsuv.DEFAULT_TOLERANCE, Lsuv.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * @param preInit       the initializer applied first, not null and not itself an LsuvInit
     * @param tolerance     LSUV's tolerance on |Var − 1|, in (0, 1)
     * @param maxIterations LSUV's maximum rescalings per layer, &gt;= 1
     * @throws IllegalArgumentException for a null or nested pre-init, or a setting LSUV rejects
     */
    @JsonCreator
    public LsuvInit(@JsonProperty("preInit") IWeightInit preInit, @JsonProperty("tolerance") double tolerance,
            @JsonProperty("maxIterations") int maxIterations) {
        if (preInit == null || preInit instanceof LsuvInit) {
            throw new IllegalArgumentException("preInit must be a non-LSUV initializer, was " + preInit);
        }
        this.preInit = preInit;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        lsuv(); // validates tolerance and maxIterations with LSUV's own messages
    }

    /** @return the LSUV run the sweep applies: these settings, keeping the pre-initialized weights */
    public Lsuv lsuv() {
        return Lsuv.builder().tolerance(tolerance).maxIterations(maxIterations).preInit(null).build();
    }

    /** @return the pre-initializer */
    public IWeightInit preInit() {
        return preInit;
    }

    @Override
    public INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        return preInit.init(fanIn, fanOut, shape, order, paramView);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof LsuvInit)) {
            return false;
        }
        LsuvInit l = (LsuvInit) o;
        return preInit.equals(l.preInit) && Double.compare(tolerance, l.tolerance) == 0
                && maxIterations == l.maxIterations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(preInit, tolerance, maxIterations);
    }

    @Override
    public String toString() {
        return "LSUV(preInit=" + preInit + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations + ")";
    }
}
