package org.dl4jinit.propagation;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The edge of chaos of an activation: the weight variance σ_w² (of a unit's weighted sum, i.e. Var[W]·fanIn) at
 * which the gradient gain {@code χ = σ_w²·E[φ'(z)²]} is exactly 1 at the fixed point {@code q* = σ_w²·E[φ(z)²] +
 * σ_b²} of the variance map, z ~ N(0, q*) (Poole et al. 2016, eq. 3; Schoenholz et al. 2017, eq. 5). On one side
 * of it gradients vanish with depth, on the other they explode; at it, signals and gradients travel through deep
 * networks (Schoenholz et al. 2017, §3).
 *
 * <p>Eliminating σ_w² = 1/E[φ'²] leaves one equation in q, {@code F(q) = E[φ²]/E[φ'²] + σ_b² − q = 0}, solved on
 * a log grid of q from 1e-6 to 1e4 and refined by bisection to 1e-12 relative; the expectations are the
 * quadrature of the activation function itself ({@code IActivation}, so a custom activation works). Three cases:
 * <ul>
 *   <li>{@link Kind#SCALE_FREE}: F vanishes for every q (a positively homogeneous function such as ReLU, where
 *       E[φ²] = q·E[φ'²]): σ_w² = 1/E[φ'²], for ReLU 2 (He et al. 2015), for a leaky ReLU of slope a 2/(1 + a²),
 *       whatever q.</li>
 *   <li>{@link Kind#FIXED_POINT}: the smallest q* &gt; 0 with F(q*) = 0.</li>
 *   <li>{@link Kind#TRIVIAL_FIXED_POINT}: no root, φ(0) = 0 and σ_b = 0: the fixed point is q* = 0 and σ_w² =
 *       1/E[φ'²] as q → 0⁺ (1/φ'(0)² where φ is smooth), for tanh 1 (Poole et al. 2016, Fig. 1; Pennington et al.
 *       2017 for tanh and orthogonal weights), for ELU 1, GELU and Swish 4.</li>
 * </ul>
 * Otherwise there is no critical point ({@link #find} is empty): e.g. softplus, or ReLU with σ_b &gt; 0, whose
 * variance grows without a fixed point.
 *
 * <p>{@link org.dl4jinit.lsuv.AutoInit} does not use this solver; see its documentation for why.
 */
public final class CriticalGain {

    private static final double Q_MIN = 1e-6;
    private static final double Q_MAX = 1e4;
    private static final int GRID = 161;

    private CriticalGain() {
    }

    /** How the critical point was found. */
    public enum Kind {
        /** Every q is a fixed point at the critical σ_w² (positively homogeneous activations). */
        SCALE_FREE,
        /** A fixed point q* &gt; 0. */
        FIXED_POINT,
        /** The fixed point q* = 0 (odd activations without bias). */
        TRIVIAL_FIXED_POINT
    }

    /** A critical point: σ_w², q*, and how it was found. Immutable. */
    public static final class CriticalPoint implements Serializable {
        private static final long serialVersionUID = 1L;
        private final double weightVariance;
        private final double fixedPoint;
        private final double biasVariance;
        private final Kind kind;
        private final String activation;

        CriticalPoint(double weightVariance, double fixedPoint, double biasVariance, Kind kind, String activation) {
            this.weightVariance = weightVariance;
            this.fixedPoint = fixedPoint;
            this.biasVariance = biasVariance;
            this.kind = kind;
            this.activation = activation;
        }

        /** @return σ_w²: initialize with Var[W] = σ_w²/fanIn */
        public double weightVariance() {
            return weightVariance;
        }

        /** @return q*, the pre-activation variance at the fixed point (NaN when scale-free) */
        public double fixedPoint() {
            return fixedPoint;
        }

        /** @return σ_b² */
        public double biasVariance() {
            return biasVariance;
        }

        /** @return how it was found */
        public Kind kind() {
            return kind;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "CriticalPoint(%s, σ_b²=%.4g: σ_w²=%.8g, q*=%.6g, %s)", activation,
                    biasVariance, weightVariance, fixedPoint, kind);
        }
    }

    /**
     * @param activation   an element-wise activation
     * @param biasVariance σ_b², finite and &gt;= 0
     * @return the critical point
     * @throws IllegalArgumentException if an argument breaks its rule or there is no critical point (the message
     *                                  says why)
     */
    public static CriticalPoint solve(IActivation activation, double biasVariance) {
        String[] why = new String[1];
        Optional<CriticalPoint> p = find(activation, biasVariance, why);
        return p.orElseThrow(() -> new IllegalArgumentException(why[0]));
    }

    /**
     * @param activation   an element-wise activation
     * @param biasVariance σ_b², finite and &gt;= 0
     * @return the critical point, or empty if there is none
     * @throws IllegalArgumentException if an argument breaks its rule
     */
    public static Optional<CriticalPoint> find(IActivation activation, double biasVariance) {
        return find(activation, biasVariance, new String[1]);
    }

    private static Optional<CriticalPoint> find(IActivation activation, double biasVariance, String[] why) {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null");
        }
        if (!(biasVariance >= 0) || !Double.isFinite(biasVariance)) {
            throw new IllegalArgumentException("biasVariance must be finite and >= 0, was " + biasVariance);
        }
        String[] notElementWise = new String[1];
        ActivationProbe probe = ActivationProbe.of(activation, notElementWise);
        if (probe == null) {
            throw new IllegalArgumentException("activation " + activation + " has no critical point: "
                    + notElementWise[0]);
        }
        double[] breaks = probe.regions(0.02, DataType.DOUBLE).boundaries();
        double[] q = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            q[i] = Q_MIN * Math.pow(Q_MAX / Q_MIN, (double) i / (GRID - 1));
        }
        double[][] m = moments(probe, q, breaks);
        boolean scaleFree = true;
        double[] f = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            f[i] = m[0][i] / m[1][i] + biasVariance - q[i];
            scaleFree &= Math.abs(f[i]) <= 1e-9 * (q[i] + biasVariance);
        }
        String name = String.valueOf(activation);
        if (scaleFree) {
            double[][] at1 = moments(probe, new double[] {1}, breaks);
            return Optional.of(new CriticalPoint(1 / at1[1][0], Double.NaN, biasVariance, Kind.SCALE_FREE, name));
        }
        // values within rounding of 0 have no sign (e.g. hard tanh is the identity for small q)
        double[] sign = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            sign[i] = Math.abs(f[i]) <= 1e-9 * (q[i] + biasVariance) ? 0 : Math.signum(f[i]);
        }
        for (int i = 0; i + 1 < GRID; i++) {
            if (Double.isFinite(f[i]) && Double.isFinite(f[i + 1]) && sign[i] * sign[i + 1] < 0) {
                double lo = Math.log(q[i]);
                double hi = Math.log(q[i + 1]);
                double fLo = f[i];
                for (int it = 0; it < 60; it++) {
                    double mid = (lo + hi) / 2;
                    double[][] mm = moments(probe, new double[] {Math.exp(mid)}, breaks);
                    double fm = mm[0][0] / mm[1][0] + biasVariance - Math.exp(mid);
                    if (fm == 0 || fm * fLo > 0) {
                        lo = mid;
                        fLo = fm;
                    } else {
                        hi = mid;
                    }
                }
                double qs = Math.exp((lo + hi) / 2);
                double[][] at = moments(probe, new double[] {qs}, breaks);
                return Optional.of(new CriticalPoint(1 / at[1][0], qs, biasVariance, Kind.FIXED_POINT, name));
            }
        }
        // q* = 0: χ is σ_w²·E[φ'²] as q → 0⁺ (the mean of both one-sided slopes at a kink, e.g. SELU's)
        double[][] zero = moments(probe, new double[] {0, 1e-12}, breaks);
        if (biasVariance == 0 && zero[2][0] == 0 && zero[1][1] > 0 && sign[0] <= 0) {
            return Optional.of(new CriticalPoint(1 / zero[1][1], 0, 0, Kind.TRIVIAL_FIXED_POINT, name));
        }
        why[0] = String.format(Locale.ROOT, "activation %s has no critical point with biasVariance %.4g: "
                + "E[φ²]/E[φ'²] + σ_b² − q does not change sign for q in [%.0e, %.0e] (%s everywhere)", name,
                biasVariance, Q_MIN, Q_MAX, f[0] > 0 ? "positive" : "negative");
        return Optional.empty();
    }

    /** {E[φ(√q ξ)²], E[φ'(√q ξ)²], φ(0) when q = 0} for each q, in one evaluation of the activation. */
    private static double[][] moments(ActivationProbe probe, double[] q, double[] breaks) {
        GaussianRule[] rules = new GaussianRule[q.length];
        int total = 0;
        for (int i = 0; i < q.length; i++) {
            rules[i] = GaussianRule.of(0, Math.sqrt(q[i]), breaks);
            total += rules[i].size();
        }
        double[] z = new double[total];
        int at = 0;
        for (GaussianRule r : rules) {
            r.points(z, at);
            at += r.size();
        }
        double[] f = probe.values(z);
        double[] d = probe.derivatives(z);
        double[][] out = new double[3][q.length];
        at = 0;
        for (int i = 0; i < q.length; i++) {
            out[0][i] = rules[i].expectPower(f, at, 2);
            out[1][i] = rules[i].expectPower(d, at, 2);
            out[2][i] = rules[i].expect(f, at);
            at += rules[i].size();
        }
        return out;
    }
}
