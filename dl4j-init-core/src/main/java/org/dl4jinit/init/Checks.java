package org.dl4jinit.init;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Argument checks shared by the initializers. Messages name the parameter, the value and the rule, and are
 * built only on failure.
 */
final class Checks {

    /**
     * How many standard deviations from its mean a normal draw is taken to reach, for the range checks: a normal
     * draw lies beyond 16 standard deviations with probability 1.3e-57, which no network that fits in memory ever
     * meets, so an argument that passes the check gives finite weights; an argument that fails it is far beyond
     * any useful initialization.
     */
    static final double NORMAL_REACH = 16;

    /** The largest value whose square is a finite double: sqrt(Double.MAX_VALUE). */
    static final double LARGEST_SQUARABLE = Math.sqrt(Double.MAX_VALUE);

    /** The smallest value whose square is a normal double: sqrt(Double.MIN_NORMAL). */
    static final double SMALLEST_SQUARABLE = Math.sqrt(Double.MIN_NORMAL);

    private Checks() {
    }

    /** Requires a finite value. */
    static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, was " + value);
        }
        return value;
    }

    /** Requires a finite value strictly greater than zero. */
    static double positive(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be finite and > 0, was " + value);
        }
        return value;
    }

    /** Requires a finite value greater than or equal to zero. */
    static double nonNegative(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, was " + value);
        }
        return value;
    }

    /**
     * Requires a finite value {@code > 0} whose square is a finite, normal double, for the factors that the
     * variance-scaling family squares ({@code gain}): beyond these bounds the square is infinite or zero and the
     * weights would come from a variance nobody asked for.
     */
    static double squarable(String name, double value) {
        if (!Double.isFinite(value) || value < SMALLEST_SQUARABLE || value > LARGEST_SQUARABLE) {
            throw new IllegalArgumentException(name + " must be finite and between " + SMALLEST_SQUARABLE + " and "
                    + LARGEST_SQUARABLE + " (so that " + name + "² is a finite, nonzero double), was " + value);
        }
        return value;
    }

    /**
     * Requires that the weights an initializer writes are representable in the data type of the parameter view:
     * the largest magnitude it can write must not exceed the type's largest finite value (else some or all
     * weights are infinite), and its spread, unless exactly zero, must not fall below the type's smallest normal
     * value (else the weights are zeros and subnormals). Views of other than the four floating-point types are not
     * checked.
     *
     * @param init       the initializer, named in the message by its {@code toString}, i.e. by the arguments the
     *                   user set
     * @param view       DL4J's parameter view, whose data type is the network's
     * @param reachName  how the largest magnitude follows from the arguments, e.g. {@code "|mean| + 16·std"}
     * @param reach      the largest magnitude a weight can have
     * @param spreadName the name of the spread in the message, e.g. {@code "std"}
     * @param spread     the typical magnitude of a nonzero weight (a standard deviation, a half-width, the
     *                   value of a delta); 0 if every weight is exactly zero
     * @throws IllegalArgumentException if the weights would overflow or underflow the view's data type
     */
    static void representable(IWeightInit init, INDArray view, String reachName, double reach, String spreadName,
            double spread) {
        DataType type = view.dataType();
        double largest = largestFinite(type);
        if (Double.isNaN(largest)) {
            return;
        }
        if (!(reach <= largest)) {
            throw new IllegalArgumentException(init + " cannot give finite " + type + " weights: " + reachName
                    + " = " + reach + " must be <= " + largest + ", the largest " + type);
        }
        double smallest = smallestNormal(type);
        if (spread != 0 && !(spread >= smallest)) {
            throw new IllegalArgumentException(init + " cannot give nonzero " + type + " weights: " + spreadName
                    + " = " + spread + " must be >= " + smallest + ", the smallest normal " + type
                    + " (below it the weights are zeros and subnormals)");
        }
    }

    /** The largest finite value of a floating-point type, NaN for other types. */
    static double largestFinite(DataType type) {
        switch (type) {
            case DOUBLE:
                return Double.MAX_VALUE;
            case FLOAT:
                return Float.MAX_VALUE;
            case BFLOAT16:
                return 0x1.fep127;
            case HALF:
                return 65504.0;
            default:
                return Double.NaN;
        }
    }

    /** The smallest positive normal value of a floating-point type, NaN for other types. */
    static double smallestNormal(DataType type) {
        switch (type) {
            case DOUBLE:
                return Double.MIN_NORMAL;
            case FLOAT:
            case BFLOAT16:
                return Float.MIN_NORMAL;
            case HALF:
                return 0x1.0p-14;
            default:
                return Double.NaN;
        }
    }

    /** Requires a non-null reference. */
    static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Requires a fan (as passed by DL4J) that is finite and positive. */
    static double fan(String name, double value) {
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException(name + " must be finite and > 0 (DL4J passes it from the layer's "
                    + "nIn/nOut), was " + value);
        }
        return value;
    }

    /** Requires an integer count of at least one. */
    static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    /**
     * Requires a weight shape (as passed by DL4J) whose rank lies in {@code [minRank, maxRank]} and whose
     * dimensions are all positive.
     *
     * @param rule the accepted shapes in words, used in the message, e.g. "rank 2 or more"
     */
    static long[] shape(long[] shape, int minRank, int maxRank, String rule) {
        if (shape == null) {
            throw new IllegalArgumentException("shape must not be null");
        }
        if (shape.length < minRank || shape.length > maxRank) {
            throw new IllegalArgumentException("shape must be " + rule + ", was " + Arrays.toString(shape));
        }
        for (long dim : shape) {
            if (dim < 1) {
                throw new IllegalArgumentException("shape must have dimensions >= 1, was " + Arrays.toString(shape));
            }
        }
        return shape;
    }
}
