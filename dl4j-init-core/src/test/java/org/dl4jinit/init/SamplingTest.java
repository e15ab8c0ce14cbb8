package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Fills of large views: bounds, moments, reproducibility, and only the view is written. */
class SamplingTest {

    @Test
    void largeUniformFillStaysInItsBoundsWithUniformMoments() {
        INDArray v = Nd4j.create(DataType.FLOAT, 1, 2_000_000);
        Nd4j.getRandom().setSeed(5);
        Sampling.uniform(v, -0.25, 0.75);
        assertThat(v.minNumber().doubleValue()).isGreaterThanOrEqualTo(-0.25).isLessThan(-0.2499);
        assertThat(v.maxNumber().doubleValue()).isLessThanOrEqualTo(0.75).isGreaterThan(0.7499);
        assertThat(v.meanNumber().doubleValue()).isCloseTo(0.25, within(6 * Math.sqrt(1 / 12.0 / 2e6)));
        assertThat(v.castTo(DataType.DOUBLE).varNumber().doubleValue()).isCloseTo(1 / 12.0, within(1e-3));
    }

    @Test
    void largeDoubleNormalFillsAreReproducibleWithNormalMoments() {
        INDArray a = Nd4j.create(DataType.DOUBLE, 1, 200_000);
        INDArray b = Nd4j.create(DataType.DOUBLE, 1, 200_000);
        Nd4j.getRandom().setSeed(6);
        Sampling.normal(a, 1, 0.5);
        Nd4j.getRandom().setSeed(6);
        Sampling.normal(b, 1, 0.5);
        assertThat(a).isEqualTo(b);
        assertThat(a.meanNumber().doubleValue()).isCloseTo(1, within(6 * 0.5 / Math.sqrt(2e5)));
        assertThat(a.stdNumber().doubleValue()).isCloseTo(0.5, within(0.005));
    }

    @Test
    void aLargeViewIsFilledWithoutTouchingItsNeighbours() {
        INDArray flat = Nd4j.create(DataType.FLOAT, 1, 300_010);
        flat.assign(-7);
        INDArray view = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 300_005));
        Nd4j.getRandom().setSeed(7);
        Sampling.normal(view, 0, 1);
        assertThat(flat.getDouble(0, 4)).isEqualTo(-7.0);
        assertThat(flat.getDouble(0, 300_005)).isEqualTo(-7.0);
        assertThat(view.stdNumber().doubleValue()).isCloseTo(1.0, within(0.01));
        assertThat(view.amaxNumber().doubleValue()).isLessThan(7.0);
    }

    @Test
    void smallViewsUseNd4jsOpAndStillFollowTheSeed() {
        INDArray a = Nd4j.create(DataType.FLOAT, 1, 100);
        INDArray b = Nd4j.create(DataType.FLOAT, 1, 100);
        Nd4j.getRandom().setSeed(8);
        Sampling.normal(a, 0, 1);
        Nd4j.getRandom().setSeed(8);
        Sampling.normal(b, 0, 1);
        assertThat(a).isEqualTo(b);
    }
}
