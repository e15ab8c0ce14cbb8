package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares our initializers with DL4J's built-ins where DL4J has an equivalent, and documents where DL4J's
 * variance differs from the name it carries.
 */
class Dl4jBuiltinComparisonTest {

    private static final double FAN_IN = 1000;
    private static final double FAN_OUT = 500;
    private static final long[] SHAPE = {1000, 500};
    /** Two-sample Kolmogorov–Smirnov critical value at α = 1e-6: c(α)·sqrt((n+m)/(n·m)), c = sqrt(−ln(α/2)/2). */
    private static final double KS_C = Math.sqrt(-Math.log(1e-6 / 2) / 2);

    private static double[] draw(IWeightInit init, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray view = Nd4j.create(DataType.FLOAT, 1, SHAPE[0] * SHAPE[1]);
        return init.init(FAN_IN, FAN_OUT, SHAPE, 'f', view).castTo(DataType.DOUBLE).data().asDouble();
    }

    private static double variance(double[] x) {
        double mean = Arrays.stream(x).average().orElseThrow();
        return Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (x.length - 1);
    }

    /** Two-sample Kolmogorov–Smirnov statistic sup|F1 − F2|. */
    static double ksStatistic(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    private static double ksCritical(int n, int m) {
        return KS_C * Math.sqrt((double) (n + m) / ((double) n * m));
    }

    @Test
    void heNormalHasTheDistributionOfDl4jRelu() {
        double[] ours = draw(new HeInit(), 1);
        double[] dl4j = draw(WeightInit.RELU.getWeightInitFunction(), 2);

        assertThat(ksStatistic(ours, dl4j)).isLessThan(ksCritical(ours.length, dl4j.length));
        assertThat(variance(ours)).isCloseTo(2 / FAN_IN, within(0.02 * 2 / FAN_IN));
        assertThat(variance(dl4j)).isCloseTo(2 / FAN_IN, within(0.02 * 2 / FAN_IN));
    }

    @Test
    void xavierNormalHasTheDistributionOfDl4jXavier() {
        double[] ours = draw(XavierInit.normal(), 3);
        double[] dl4j = draw(WeightInit.XAVIER.getWeightInitFunction(), 4);

        assertThat(ksStatistic(ours, dl4j)).isLessThan(ksCritical(ours.length, dl4j.length));
        assertThat(variance(ours)).isCloseTo(2 / (FAN_IN + FAN_OUT), within(0.02 * 2 / (FAN_IN + FAN_OUT)));
    }

    @Test
    void xavierUniformHasTheDistributionOfDl4jXavierUniform() {
        double[] ours = draw(XavierInit.uniform(), 5);
        double[] dl4j = draw(WeightInit.XAVIER_UNIFORM.getWeightInitFunction(), 6);

        assertThat(ksStatistic(ours, dl4j)).isLessThan(ksCritical(ours.length, dl4j.length));
    }

    @Test
    void heUniformHasTheDistributionOfDl4jReluUniform() {
        double[] ours = draw(HeInit.uniform(), 7);
        double[] dl4j = draw(WeightInit.RELU_UNIFORM.getWeightInitFunction(), 8);

        assertThat(ksStatistic(ours, dl4j)).isLessThan(ksCritical(ours.length, dl4j.length));
    }

    @Test
    void theKsCheckRejectsADifferentScale() {
        // the comparison above can fail: 5% more standard deviation is detected
        double[] ours = draw(new HeInit(), 1);
        double[] wider = draw(new VarianceScalingInit(2 * 1.05 * 1.05, FanMode.FAN_IN, InitDistribution.NORMAL), 2);
        assertThat(ksStatistic(ours, wider)).isGreaterThan(ksCritical(ours.length, wider.length));
    }

    /**
     * DL4J's LECUN_UNIFORM and VAR_SCALING_UNIFORM_* draw U(±3/sqrt(fan)), variance 3/fan: three times the
     * variance their names (LeCun 1998; Keras' VarianceScaling with scale 1) promise. Ours give 1/fan.
     */
    @Test
    void dl4jLecunUniformAndVarScalingUniformHaveVarianceThreeOverFanOursOneOverFan() {
        assertThat(variance(draw(WeightInit.LECUN_UNIFORM.getWeightInitFunction(), 9)))
                .isCloseTo(3 / FAN_IN, within(0.02 * 3 / FAN_IN));
        assertThat(variance(draw(WeightInit.VAR_SCALING_UNIFORM_FAN_IN.getWeightInitFunction(), 10)))
                .isCloseTo(3 / FAN_IN, within(0.02 * 3 / FAN_IN));
        assertThat(variance(draw(WeightInit.VAR_SCALING_UNIFORM_FAN_OUT.getWeightInitFunction(), 11)))
                .isCloseTo(3 / FAN_OUT, within(0.02 * 3 / FAN_OUT));
        double avg = (FAN_IN + FAN_OUT) / 2;
        assertThat(variance(draw(WeightInit.VAR_SCALING_UNIFORM_FAN_AVG.getWeightInitFunction(), 12)))
                .isCloseTo(3 / avg, within(0.02 * 3 / avg));

        assertThat(variance(draw(LeCunInit.uniform(), 13))).isCloseTo(1 / FAN_IN, within(0.02 / FAN_IN));
        assertThat(variance(draw(new VarianceScalingInit(1, FanMode.FAN_IN, InitDistribution.UNIFORM), 14)))
                .isCloseTo(1 / FAN_IN, within(0.02 / FAN_IN));
        assertThat(variance(draw(new VarianceScalingInit(1, FanMode.FAN_AVG, InitDistribution.UNIFORM), 15)))
                .isCloseTo(1 / avg, within(0.02 / avg));
    }

    /**
     * DL4J's VAR_SCALING_NORMAL_FAN_IN draws a normal of std sqrt(1/fanIn) truncated at two standard deviations
     * without Keras' 0.8796 correction, so its variance is 0.774/fanIn; ours, with TRUNCATED_NORMAL, is 1/fanIn.
     */
    @Test
    void dl4jVarScalingNormalIsTruncatedWithoutCorrectionOursIsCorrected() {
        double dl4j = variance(draw(WeightInit.VAR_SCALING_NORMAL_FAN_IN.getWeightInitFunction(), 16));
        double ours = variance(draw(new VarianceScalingInit(), 17));

        assertThat(dl4j * FAN_IN).isCloseTo(0.774, within(0.02));
        assertThat(ours * FAN_IN).isCloseTo(1.0, within(0.02));
    }
}
