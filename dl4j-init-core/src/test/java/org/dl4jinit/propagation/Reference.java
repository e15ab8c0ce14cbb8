package org.dl4jinit.propagation;

import java.util.function.DoubleUnaryOperator;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exhaustive double-precision references for the analysis' quadrature: composite Simpson's rule on 400,001 points
 * over μ ± 14σ (0 and every multiple of σ/20,000 are nodes), independent of {@link GaussianRule}.
 */
final class Reference {

    static final int POINTS = 400_000;

    private Reference() {
    }

    /** E[f(√q·ξ)], ξ ~ N(0, 1). */
    static double expectation(double q, DoubleUnaryOperator f) {
        return expectation(0, Math.sqrt(q), f);
    }

    /** E[f(μ + σξ)] by Simpson's rule. */
    static double expectation(double mu, double sigma, DoubleUnaryOperator f) {
        if (sigma == 0) {
            return f.applyAsDouble(mu);
        }
        double a = -14;
        double h = 28.0 / POINTS;
        double s = 0;
        for (int i = 0; i <= POINTS; i++) {
            double x = a + i * h;
            double w = i == 0 || i == POINTS ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * f.applyAsDouble(mu + sigma * x) * Math.exp(-0.5 * x * x);
        }
        return s * h / 3 / Math.sqrt(2 * Math.PI);
    }

    /** {E[tanh²], E[tanh'²]} at variance q, with Math.tanh. */
    static double[] tanhMoments(double q) {
        return new double[] {expectation(q, z -> Math.tanh(z) * Math.tanh(z)),
                expectation(q, z -> Math.pow(1 - Math.tanh(z) * Math.tanh(z), 2))};
    }

    /** f'(z) of a DL4J activation, by its own backprop (one value). */
    static double derivative(IActivation fn, double z) {
        INDArray in = Nd4j.createFromArray(new double[] {z}).reshape(1, 1);
        return fn.backprop(in, Nd4j.ones(DataType.DOUBLE, 1, 1)).getFirst().getDouble(0);
    }

    /** f(z) of a DL4J activation (one value). */
    static double value(IActivation fn, double z) {
        INDArray in = Nd4j.createFromArray(new double[] {z}).reshape(1, 1);
        return fn.getActivation(in, true).getDouble(0);
    }

    /** The kinks of DL4J's piecewise activations (f or f' not smooth): 0, ±1 (hard tanh), ±2.5 (hard sigmoid), 6. */
    static final double[] KINKS = {-2.5, -1, 0, 1, 2.5, 6};
    static final int PER_PIECE = 40_000;

    /**
     * E[g(f(μ + σξ))] and E[g(f'(μ + σξ))] by composite Simpson's rule on pieces of ξ ∈ [−14, 14] split at the
     * kinks, the ends of each piece evaluated just inside it (one-sided values): O(h⁴) also for activations whose
     * derivative jumps. Returns {E[f], E[f²], E[f'²]}.
     */
    static double[] piecewiseMoments(IActivation fn, double mu, double sigma) {
        // cuts in z, the kinks exactly (no rounding through ξ)
        java.util.List<Double> cuts = new java.util.ArrayList<>(java.util.List.of(mu - 14 * sigma, mu + 14 * sigma));
        for (double k : KINKS) {
            if (k > mu - 14 * sigma && k < mu + 14 * sigma) {
                cuts.add(k);
            }
        }
        java.util.Collections.sort(cuts);
        int pieces = cuts.size() - 1;
        double[] z = new double[pieces * (PER_PIECE + 1)];
        double[] w = new double[z.length];
        for (int p = 0; p < pieces; p++) {
            double a = cuts.get(p);
            double b = cuts.get(p + 1);
            double h = (b - a) / PER_PIECE;
            for (int i = 0; i <= PER_PIECE; i++) {
                double zi = i == PER_PIECE ? b : a + i * h;
                double x = (zi - mu) / sigma;
                int k = p * (PER_PIECE + 1) + i;
                z[k] = i == 0 ? Math.nextUp(zi) : i == PER_PIECE ? Math.nextDown(zi) : zi;
                double sw = i == 0 || i == PER_PIECE ? 1 : i % 2 == 1 ? 4 : 2;
                w[k] = sw * h / sigma / 3 * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
            }
        }
        INDArray in = Nd4j.createFromArray(z.clone()).reshape(1, z.length);
        double[] f = fn.getActivation(in, true).castTo(DataType.DOUBLE).data().asDouble();
        INDArray in2 = Nd4j.createFromArray(z.clone()).reshape(1, z.length);
        double[] d = fn.backprop(in2, Nd4j.ones(DataType.DOUBLE, 1, z.length)).getFirst().castTo(DataType.DOUBLE)
                .data().asDouble();
        double[] out = new double[3];
        for (int i = 0; i < z.length; i++) {
            out[0] += w[i] * f[i];
            out[1] += w[i] * f[i] * f[i];
            out[2] += w[i] * d[i] * d[i];
        }
        return out;
    }

    /** f and f' of a DL4J activation on Simpson's nodes for μ + σξ, in two calls: {values, derivatives, nodes}. */
    static double[][] tabulate(IActivation fn, double mu, double sigma) {
        double[] z = new double[POINTS + 1];
        for (int i = 0; i <= POINTS; i++) {
            z[i] = mu + sigma * (-14 + i * 28.0 / POINTS);
        }
        INDArray in = Nd4j.createFromArray(z.clone()).reshape(1, z.length);
        double[] f = fn.getActivation(in, true).castTo(DataType.DOUBLE).data().asDouble();
        INDArray in2 = Nd4j.createFromArray(z.clone()).reshape(1, z.length);
        double[] d = fn.backprop(in2, Nd4j.ones(DataType.DOUBLE, 1, z.length)).getFirst().castTo(DataType.DOUBLE)
                .data().asDouble();
        return new double[][] {f, d, z};
    }

    /** Σ_i w_i·g(values[i]) with Simpson's weights on the tabulated nodes. */
    static double simpson(double[] values, DoubleUnaryOperator g) {
        double h = 28.0 / POINTS;
        double s = 0;
        for (int i = 0; i <= POINTS; i++) {
            double x = -14 + i * h;
            double w = i == 0 || i == POINTS ? 1 : i % 2 == 1 ? 4 : 2;
            s += w * g.applyAsDouble(values[i]) * Math.exp(-0.5 * x * x);
        }
        return s * h / 3 / Math.sqrt(2 * Math.PI);
    }
}
