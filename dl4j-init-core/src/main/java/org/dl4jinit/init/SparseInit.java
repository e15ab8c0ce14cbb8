package org.dl4jinit.init;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Sparse initialization (Martens, "Deep learning via Hessian-free optimization", ICML 2010, section 5): each
 * unit gets exactly {@code k} nonzero incoming weights, at positions chosen uniformly without replacement, drawn
 * from N(0, std²); all its other incoming weights are zero. Martens uses {@code k = 15} and unit variance: the
 * total input of a unit then does not shrink with the layer width as it does under dense 1/sqrt(n) scaling, and
 * units differ more from each other.
 *
 * <p>"Incoming" follows DL4J's shapes: a rank-2 weight [nIn, units] (Dense/Output, LSTM [nIn, 4·nOut]) has
 * exactly {@code k} nonzeros in every column; a weight of rank 3 or more [nOut, ...] (convolution kernels) has
 * exactly {@code k} nonzeros among the {@code nIn·kH·kW} weights of every output channel. {@code k} larger than
 * the number of incoming weights is an error, never clamped. Positions and values come from ND4J's global RNG,
 * so a network seed reproduces them. Ignores DL4J's fans and works from the shape.
 */
public final class SparseInit extends AbstractWeightInit {

    private static final long serialVersionUID = 1L;

    private final int nonZeroPerUnit;
    private final double std;

    /** Martens' setting: 15 nonzero incoming weights per unit, N(0, 1). */
    public SparseInit() {
        this(15, 1.0);
    }

    /**
     * @param nonZeroPerUnit the number {@code k} of nonzero incoming weights of each unit, &gt;= 1
     * @param std            the standard deviation of the nonzero weights, finite and &gt; 0
     * @throws IllegalArgumentException if {@code k < 1} or std is not finite and positive
     */
    public SparseInit(int nonZeroPerUnit, double std) {
        this.nonZeroPerUnit = Checks.atLeastOne("nonZeroPerUnit", nonZeroPerUnit);
        this.std = Checks.positive("std", std);
    }

    @JsonCreator
    private static SparseInit fromJson(@JsonProperty("nonZeroPerUnit") Number nonZeroPerUnit,
            @JsonProperty("std") Double std) {
        return new SparseInit(JsonArgs.integer("nonZeroPerUnit", nonZeroPerUnit), JsonArgs.number("std", std));
    }

    /**
     * @throws IllegalArgumentException if the shape has rank 1, a unit has fewer than {@code k} incoming
     *                                  weights, or the nonzero weights are not representable in the network's
     *                                  data type
     */
    @Override
    INDArray fill(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        Checks.shape(shape, 2, Integer.MAX_VALUE, "of rank >= 2 for a sparse weight");
        Checks.representable(this, paramView, (int) Checks.NORMAL_REACH + "·std", Checks.NORMAL_REACH * std, "std",
                std);
        long rows = WeightShapes.rows(shape);
        long cols = WeightShapes.columns(shape);
        boolean unitsAreColumns = shape.length == 2;
        long units = unitsAreColumns ? cols : rows;
        long incoming = unitsAreColumns ? rows : cols;
        if (nonZeroPerUnit > incoming) {
            throw new IllegalArgumentException("nonZeroPerUnit must be <= the number of incoming weights per unit, "
                    + "was nonZeroPerUnit=" + nonZeroPerUnit + ", incoming=" + incoming + " (shape "
                    + Arrays.toString(shape) + ")");
        }
        long length = rows * cols;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape must have fewer than " + (Integer.MAX_VALUE - 8)
                    + " elements for a sparse weight, was " + Arrays.toString(shape));
        }
        // Values first (one native draw), then positions: a partial Fisher-Yates shuffle per unit. The index
        // array is not reset between units: a partial shuffle of any arrangement picks a uniform k-subset.
        INDArray draws = Nd4j.create(DataType.DOUBLE, units * nonZeroPerUnit);
        Sampling.normal(draws, 0.0, std);
        double[] values = draws.toDoubleVector();
        int[] offsets = new int[values.length];
        int[] candidates = new int[(int) incoming];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = i;
        }
        Random random = Nd4j.getRandom();
        int next = 0;
        for (long unit = 0; unit < units; unit++) {
            for (int t = 0; t < nonZeroPerUnit; t++) {
                int pick = t + random.nextInt(candidates.length - t);
                int position = candidates[pick];
                candidates[pick] = candidates[t];
                candidates[t] = position;
                long row = unitsAreColumns ? position : unit;
                long col = unitsAreColumns ? unit : position;
                offsets[next++] = (int) (order == 'f' ? row + col * rows : row * cols + col);
            }
        }
        INDArray weights = scatter((int) length, offsets, values, WeightShapes.computeType(paramView));
        paramView.assign(weights.reshape(paramView.shape()));
        return paramView.reshape(order, shape);
    }

    /** A new dense vector of the given length holding {@code values[i]} at {@code offsets[i]}, zeros elsewhere. */
    private static INDArray scatter(int length, int[] offsets, double[] values, DataType type) {
        if (type == DataType.DOUBLE) {
            double[] dense = new double[length];
            for (int i = 0; i < offsets.length; i++) {
                dense[offsets[i]] = values[i];
            }
            return Nd4j.createFromArray(dense);
        }
        float[] dense = new float[length];
        for (int i = 0; i < offsets.length; i++) {
            dense[offsets[i]] = (float) values[i];
        }
        return Nd4j.createFromArray(dense);
    }

    /** @return the number of nonzero incoming weights of each unit */
    public int getNonZeroPerUnit() {
        return nonZeroPerUnit;
    }

    /** @return the standard deviation of the nonzero weights */
    public double getStd() {
        return std;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SparseInit)) {
            return false;
        }
        SparseInit that = (SparseInit) o;
        return nonZeroPerUnit == that.nonZeroPerUnit && Double.compare(std, that.std) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(SparseInit.class, nonZeroPerUnit, std);
    }

    @Override
    public String toString() {
        return "SparseInit(nonZeroPerUnit=" + nonZeroPerUnit + ", std=" + std + ")";
    }
}
