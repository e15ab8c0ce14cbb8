package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The chunked parallel Java fill behind the large Gaussian fills (JDK 17's {@code nextGaussian()} per chunk)
 * draws an exact N(0, 1): moments, Kolmogorov–Smirnov against Φ, and both tails, over 2,000,000 values of one
 * fill (31 chunks with their own generators).
 */
class NormalFillTest {

    private static final int N = 2_000_000;

    private static double[] sample(long seed) {
        INDArray view = Nd4j.create(DataType.DOUBLE, 1, N);
        Nd4j.getRandom().setSeed(seed);
        Sampling.normal(view, 0.0, 1.0);
        return view.toDoubleVector();
    }

    /** Φ(x) from {@link TruncatedNormalInit#erf}, valid for |x| below ~5.6. */
    private static double cdf(double x) {
        double e = TruncatedNormalInit.erf(Math.abs(x) / Math.sqrt(2));
        return x >= 0 ? 0.5 * (1 + e) : 0.5 * (1 - e);
    }

    @Test
    void momentsAreThoseOfTheStandardNormal() {
        double[] x = sample(1);
        double m1 = Arrays.stream(x).average().orElseThrow();
        double m2 = Arrays.stream(x).map(v -> v * v).average().orElseThrow();
        double m3 = Arrays.stream(x).map(v -> v * v * v).average().orElseThrow();
        double m4 = Arrays.stream(x).map(v -> v * v * v * v).average().orElseThrow();
        // six standard errors: sqrt(1/N), sqrt(2/N), sqrt(15/N), sqrt(96/N)
        assertThat(m1).isCloseTo(0, within(6 * Math.sqrt(1.0 / N)));
        assertThat(m2).isCloseTo(1, within(6 * Math.sqrt(2.0 / N)));
        assertThat(m3).isCloseTo(0, within(6 * Math.sqrt(15.0 / N)));
        assertThat(m4).isCloseTo(3, within(6 * Math.sqrt(96.0 / N)));
    }

    @Test
    void kolmogorovSmirnovAgainstTheNormalCdfPasses() {
        double[] x = sample(2);
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < N; i++) {
            double f = cdf(x[i]);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / N), Math.abs((double) (i + 1) / N - f)));
        }
        // critical value at alpha = 1e-6: sqrt(-ln(alpha/2)/2) / sqrt(N)
        assertThat(d).isLessThan(Math.sqrt(-Math.log(0.5e-6) / 2) / Math.sqrt(N));
    }

    @Test
    void tailsHaveTheNormalProbability() {
        double[] x = sample(3);
        long beyond = Arrays.stream(x).filter(v -> Math.abs(v) > 3.5).count();
        double p = 2 * (1 - cdf(3.5));   // ≈ 4.65e-4
        double expected = p * N;
        assertThat((double) beyond).isCloseTo(expected, within(6 * Math.sqrt(expected)));
        long beyond4 = Arrays.stream(x).filter(v -> Math.abs(v) > 4).count();
        double expected4 = 2 * (1 - cdf(4)) * N;
        assertThat((double) beyond4).isCloseTo(expected4, within(6 * Math.sqrt(expected4) + 1));
    }

    @Test
    void largeFillsAreReproducibleUnderTheNd4jSeedWhateverTheThreads() {
        INDArray a = Nd4j.create(DataType.FLOAT, 1, 3_000_000);
        INDArray b = Nd4j.create(DataType.FLOAT, 1, 3_000_000);
        Nd4j.getRandom().setSeed(99);
        Sampling.normal(a, 0.5, 2.0);
        Nd4j.getRandom().setSeed(99);
        Sampling.normal(b, 0.5, 2.0);
        assertThat(a).isEqualTo(b);
        assertThat(a.meanNumber().doubleValue()).isCloseTo(0.5, within(0.01));
        assertThat(a.stdNumber().doubleValue()).isCloseTo(2.0, within(0.01));
    }
}
