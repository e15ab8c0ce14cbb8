package org.dl4jinit.init;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shape arithmetic for the structural initializers, which work from the weight's shape instead of DL4J's fans.
 */
final class WeightShapes {

    private WeightShapes() {
    }

    /** Rows of the weight seen as a matrix: {@code shape[0]}. */
    static long rows(long[] shape) {
        return shape[0];
    }

    /** Columns of the weight seen as a matrix: the product of {@code shape[1..]}. */
    static long columns(long[] shape) {
        long columns = 1;
        for (int d = 1; d < shape.length; d++) {
            columns = Math.multiplyExact(columns, shape[d]);
        }
        return columns;
    }

    /**
     * The position of element {@code index} of an array of this shape laid out contiguously in {@code order}
     * ('c' row-major, 'f' column-major), i.e. its index in DL4J's flat {@code paramView}.
     */
    static long offset(long[] shape, char order, long... index) {
        long offset = 0;
        long stride = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = order == 'f' ? k : shape.length - 1 - k;
            offset += index[d] * stride;
            stride *= shape[d];
        }
        return offset;
    }

    /**
     * The floating-point type to compute in for a parameter view: its own type if FLOAT or DOUBLE, FLOAT for
     * the half-precision types (LAPACK has no half-precision routines; the result is cast on assignment).
     */
    static DataType computeType(INDArray paramView) {
        return paramView.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
    }
}
