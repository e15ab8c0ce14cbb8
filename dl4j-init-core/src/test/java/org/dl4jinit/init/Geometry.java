package org.dl4jinit.init;

import java.util.Arrays;

/**
 * A weight array as DL4J hands it to {@code IWeightInit.init}: shape, order and the fans DL4J computes for the
 * layer type (see the package documentation of {@code org.dl4jinit.init}).
 */
enum Geometry {
    /** DenseLayer nIn=2000, nOut=1000: [nIn, nOut] 'f', fanIn=nIn, fanOut=nOut. */
    DENSE(new long[] {2000, 1000}, 'f', 2000, 1000),
    /** ConvolutionLayer nIn=32, nOut=64, 3×3, stride 1: [nOut, nIn, kH, kW] 'c', fanIn=nIn·9, fanOut=nOut·9. */
    CONV(new long[] {64, 32, 3, 3}, 'c', 32 * 9, 64 * 9),
    /** LSTM nIn=64, nOut=128, input weights: [nIn, 4·nOut] 'f', fanIn=nOut, fanOut=nIn+nOut. */
    LSTM(new long[] {64, 4 * 128}, 'f', 128, 64 + 128),
    /** Square dense 512→512 (identity-like initializers). */
    SQUARE(new long[] {512, 512}, 'f', 512, 512);

    final long[] shape;
    final char order;
    final double fanIn;
    final double fanOut;

    Geometry(long[] shape, char order, double fanIn, double fanOut) {
        this.shape = shape;
        this.order = order;
        this.fanIn = fanIn;
        this.fanOut = fanOut;
    }

    long length() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** Incoming connections of one unit: rows of a rank-2 [nIn, units] array, else the product of dims 1..n. */
    long incoming() {
        return shape.length == 2 ? shape[0] : length() / shape[0];
    }

    /** The larger side of the weight flattened to [shape[0], rest]. */
    long maxSide() {
        return Math.max(shape[0], length() / shape[0]);
    }
}
