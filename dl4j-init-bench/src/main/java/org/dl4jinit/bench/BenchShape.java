package org.dl4jinit.bench;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The weight shapes benchmarked, with DL4J's fans and flattening order for each. */
enum BenchShape {
    /** A 4096×4096 dense weight: fanIn = fanOut = 4096, 'f' order, 4096 biases after it. */
    DENSE("dense 4096×4096", new long[] {4096, 4096}, 4096, 4096, 'f', 4096),
    /** A [256,256,3,3] convolution kernel: fanIn = fanOut = 256·3·3, 'c' order, 256 biases after it. */
    CONV("conv [256,256,3,3]", new long[] {256, 256, 3, 3}, 256 * 9, 256 * 9, 'c', 256);

    final String label;
    final long[] shape;
    final double fanIn;
    final double fanOut;
    final char order;
    final long biasLength;

    BenchShape(String label, long[] shape, double fanIn, double fanOut, char order, long biasLength) {
        this.label = label;
        this.shape = shape;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
        this.order = order;
        this.biasLength = biasLength;
    }

    /** @return the JMH parameter value of this shape: {@code dense} or {@code conv} */
    String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static BenchShape ofParam(String name) {
        for (BenchShape s : values()) {
            if (s.paramName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("shape must be dense or conv, was " + name);
    }

    long length() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * A FLOAT row-vector view of the weights at the head of a new flat parameter array that also holds the
     * biases, as DL4J's {@code DefaultParamInitializer} and {@code ConvolutionParamInitializer} lay them out.
     */
    INDArray newParamView() {
        long n = length();
        INDArray flatParams = Nd4j.create(DataType.FLOAT, 1, n + biasLength);
        return flatParams.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, n));
    }
}
