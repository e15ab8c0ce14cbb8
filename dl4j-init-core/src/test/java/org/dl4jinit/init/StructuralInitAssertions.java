package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers shared by the tests of the shape-based initializers. */
final class StructuralInitAssertions {

    private StructuralInitAssertions() {
    }

    /** A parameter view like DL4J's: a row vector of the weight's length. */
    static INDArray paramView(DataType type, long[] shape) {
        long length = 1;
        for (long d : shape) {
            length *= d;
        }
        return Nd4j.create(type, 1, length);
    }

    /** The weight seen as a matrix with rows = shape[0] and columns = the product of the rest, in double. */
    static INDArray flattened(INDArray weight) {
        long rows = weight.size(0);
        return weight.castTo(DataType.DOUBLE).reshape('c', rows, weight.length() / rows);
    }

    /** Asserts WᵀW = gain²·I if W is tall or square, WWᵀ = gain²·I if wide, entrywise within {@code tolerance}. */
    static void assertOrthogonal(INDArray matrix, double gain, double tolerance) {
        INDArray m = matrix.castTo(DataType.DOUBLE);
        INDArray gram = m.rows() >= m.columns() ? m.transpose().mmul(m) : m.mmul(m.transpose());
        INDArray expected = Nd4j.eye(gram.rows()).castTo(DataType.DOUBLE).muli(gain * gain);
        double maxError = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.reduce.same.AMax(
                gram.sub(expected))).getDouble(0);
        assertThat(maxError).as("max |gram - gain²·I| of a %dx%d matrix", m.rows(), m.columns())
                .isLessThan(tolerance);
    }

    /** The initializer as DL4J restores it from the JSON of a configuration that uses it on a dense layer. */
    static IWeightInit jsonRoundTrip(IWeightInit init) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(3).weightInit(init).build())
                .build();
        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(conf.toJson());
        assertThat(restored).isEqualTo(conf);
        return ((BaseLayer) restored.getConf(0).getLayer()).getWeightInitFn();
    }
}
