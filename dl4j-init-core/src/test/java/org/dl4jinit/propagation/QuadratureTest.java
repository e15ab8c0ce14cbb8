package org.dl4jinit.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The analysis' Gaussian expectations against an exhaustive double-precision computation ({@link Reference}:
 * Simpson's rule on 400,001 points), for DL4J's activations at scales from 1e-3 to 100, through both paths of
 * {@link ActivationProbe#evaluate} (the interpolated table and the function itself).
 */
class QuadratureTest {

    static Stream<Arguments> cases() {
        IActivation[] fns = {new ActivationTanH(), new ActivationSigmoid(), new ActivationReLU(),
            new ActivationLReLU(0.1), new ActivationHardTanH(), new ActivationHardSigmoid(), new ActivationReLU6(),
            new ActivationELU(), new ActivationSELU(), new ActivationSoftPlus(), new ActivationSwish(),
            new ActivationGELU()};
        double[][] scales = {{0, 0.001}, {0, 0.1}, {0.3, 1}, {0, 3}, {-1, 10}, {0, 30}};
        Stream.Builder<Arguments> b = Stream.builder();
        for (IActivation fn : fns) {
            for (double[] s : scales) {
                // ND4J's swish and GELU derivatives overflow to NaN beyond |z| ≈ 350: not at σ = 30
                boolean overflows = (fn instanceof ActivationSwish || fn instanceof ActivationGELU) && s[1] > 10;
                if (!overflows) {
                    b.add(Arguments.of(fn, s[0], s[1]));
                }
            }
        }
        return b.build();
    }

    /**
     * E[f], E[f²] and E[f'²] to 1e-7 of their scale: the quadrature is exact to 1e-12 on smooth pieces; the
     * remainder is the table's interpolation (f: below 1e-9, f': below 1e-7).
     */
    @ParameterizedTest(name = "{0} at μ={1}, σ={2}")
    @MethodSource("cases")
    void momentsMatchAnExhaustiveIntegration(IActivation fn, double mu, double sigma) {
        ActivationProbe probe = ActivationProbe.of(fn, new String[1]);
        double[] breaks = probe.regions(0.02, DataType.DOUBLE).boundaries();
        GaussianRule rule = GaussianRule.of(mu, sigma, breaks);
        double[] z = rule.points();
        double[] f = new double[z.length];
        double[] d = new double[z.length];
        probe.evaluate(z, sigma, f, d);

        double[] ref = Reference.piecewiseMoments(fn, mu, sigma);
        double scale = Math.max(ref[1], 1e-300);
        assertThat(rule.expect(f, 0)).isCloseTo(ref[0], within(1e-7 * Math.sqrt(scale)));
        assertThat(rule.expectPower(f, 0, 2)).isCloseTo(ref[1], within(1e-7 * scale));
        assertThat(rule.expectPower(d, 0, 2)).isCloseTo(ref[2], within(1e-7 * Math.max(1, ref[2])));
    }

    @Test
    void theInterpolatedTableAgreesWithTheFunction() {
        for (IActivation fn : new IActivation[] {new ActivationTanH(), new ActivationSigmoid(), new ActivationSwish(),
            new ActivationReLU(), new ActivationHardSigmoid()}) {
            ActivationProbe probe = ActivationProbe.of(fn, new String[1]);
            double[] z = new double[20_001];
            for (int i = 0; i < z.length; i++) {
                z[i] = -20 + i * 0.002 + 1e-4;
            }
            double[] f = new double[z.length];
            double[] d = new double[z.length];
            probe.evaluate(z, 1, f, d);
            double[] fx = probe.values(z);
            double[] dx = probe.derivatives(z);
            for (int i = 0; i < z.length; i++) {
                assertThat(f[i]).as("%s at %s", fn, z[i]).isCloseTo(fx[i], within(1e-9));
                assertThat(d[i]).as("%s' at %s", fn, z[i]).isCloseTo(dx[i], within(1e-7));
            }
        }
    }

    /** Mehler's formula against a direct 2-D integration of E[tanh(z_a)·tanh(z_b)], within its stated bound. */
    @Test
    void mehlersFormulaGivesTheTwoPointMoment() {
        double mu = 0.2;
        double sigma = 1.5;
        ActivationProbe probe = ActivationProbe.of(new ActivationTanH(), new String[1]);
        GaussianRule rule = GaussianRule.of(mu, sigma, new double[0]);
        double[] f = probe.values(rule.points());
        double[] f2 = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            f2[i] = f[i] * f[i];
        }
        double[] c = rule.hermite(0, f)[0];
        double second = rule.expect(f2, 0);
        double[] c2 = rule.hermite(0, f2)[0];
        double tail = second - java.util.Arrays.stream(c).map(x -> x * x).sum();
        for (double rho : new double[] {0, 0.3, 0.6, 0.9, 0.99, 1}) {
            double direct = twoPoint(mu, sigma, rho);
            double bound = Math.pow(rho, GaussianRule.HERMITE + 1) * tail + 1e-12;
            assertThat(GaussianRule.mehler(c, c, second, rho)).as("ρ = %s", rho).isCloseTo(direct,
                    within(Math.max(bound, 1e-9)));
        }
        assertThat(c2[0]).isCloseTo(second, within(1e-15));
    }

    /** E[tanh(μ + σ ξ_a)·tanh(μ + σ ξ_b)], corr(ξ_a, ξ_b) = ρ, by Gauss–Legendre on a fine 2-D grid. */
    private static double twoPoint(double mu, double sigma, double rho) {
        GaussianRule outer = GaussianRule.of(0, 1, new double[0]);
        double[] x = outer.points();
        double[] wx = outer.weights();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double a = Math.tanh(mu + sigma * x[i]);
            double inner = 0;
            for (int j = 0; j < x.length; j++) {
                double zb = mu + sigma * (rho * x[i] + Math.sqrt(Math.max(0, 1 - rho * rho)) * x[j]);
                inner += wx[j] * Math.tanh(zb);
            }
            s += wx[i] * a * inner;
        }
        return s;
    }

    @Test
    void normalCdfInterpolationIsWithinOneInTenBillion() {
        for (double x = -40; x <= 40; x += 0.0013) {
            assertThat(NormalCdf.cdf(x)).as("Φ(%s)", x).isCloseTo(NormalCdf.exact(x), within(1e-10));
        }
    }

    @Test
    void regionProbabilitiesAreExactGaussianMasses() {
        ActivationProbe probe = ActivationProbe.of(new ActivationTanH(), new String[1]);
        ActivationProbe.Regions r = probe.regions(0.02, DataType.FLOAT);
        double[][] high = r.intervals(ActivationProbe.Regions.HIGH);
        // tanh(z) > 0.98 ⇔ z > atanh(0.98) = 2.2975599...
        assertThat(high).hasNumberOfRows(1);
        assertThat(high[0][0]).isCloseTo(0.5 * Math.log(1.98 / 0.02), within(1e-6));
        double p = Response.probability(high, 0.5, 2);
        assertThat(p).isCloseTo(1 - NormalCdf.exact((high[0][0] - 0.5) / 2), within(1e-10));
    }

    @Test
    void floatTanhIsExactlyZeroForTinyInputs() {
        // ND4J's float tanh returns 0 below about 1.5e-8 (and the analysis predicts those zeros)
        ActivationProbe probe = ActivationProbe.of(new ActivationTanH(), new String[1]);
        double[][] zero = probe.regions(0.02, DataType.FLOAT).intervals(ActivationProbe.Regions.ZERO);
        assertThat(zero).hasNumberOfRows(1);
        assertThat(zero[0][1]).isBetween(1e-9, 1e-7);
        assertThat(probe.values(new double[] {zero[0][1] / 2}, DataType.FLOAT)[0]).isZero();
        assertThat(probe.values(new double[] {zero[0][1] * 2}, DataType.FLOAT)[0]).isNotZero();
    }
}
