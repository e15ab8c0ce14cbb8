package org.dl4jinit.propagation;

import java.util.Arrays;

/**
 * A quadrature rule for Gaussian expectations {@code E[f(μ + σξ)]}, ξ ~ N(0, 1): composite 8-point
 * Gauss–Legendre panels over ξ ∈ [−12, 12] (the mass outside is 3.6e-33), with the N(0, 1) density in the
 * weights.
 *
 * <p>Why panels and not one fixed Gauss–Hermite rule: a fixed rule places its nodes at fixed ξ, so when σ is
 * large the features of the activation ({@code tanh'} is a spike of width 1/σ in ξ) fall between nodes. With
 * 96 Gauss–Hermite nodes, {@code E[tanh'(√1000 ξ)²]} comes out orders of magnitude too small, and that is the
 * gradient gain of a saturated tanh layer, the quantity this analysis exists to get right. Here the panels
 * are at most 1 wide in ξ and, when that is more than 2 in z, at most 1 wide in z where {@code z = μ + σξ} lies
 * in the active range |z| ≤ 16 of the activation; every breakpoint passed in (kinks, region boundaries) is a panel
 * boundary, so piecewise-linear activations (ReLU, ReLU6, hard tanh, hard sigmoid, whose kinks
 * {@link ActivationProbe} finds) are integrated piece by piece. Against Simpson's rule on 400,001 points
 * ({@code QuadratureTest}) the moments of DL4J's activations agree to 1e-7 of their scale for σ from 1e-3 to 30.
 *
 * <p>The rule also gives the normalized Hermite coefficients {@code f_k = E[f(μ + σξ)·He_k(ξ)]/√k!}, from
 * which Mehler's formula gives two-point expectations (see {@link #mehler}).
 */
final class GaussianRule {

    /** Half-width of the ξ range. */
    static final double RANGE = 12;
    /** Largest panel width in ξ. */
    static final double XI_PANEL = 1;
    /** Largest panel width in z inside the active range. */
    static final double Z_PANEL = 1;
    /** The active range of activations, |z| ≤ this. */
    static final double Z_ACTIVE = 16;
    /** Hermite coefficients kept for Mehler's formula. */
    static final int HERMITE = 32;

    private static final double[] GL_X;
    private static final double[] GL_W;
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    static {
        // 8-point Gauss–Legendre nodes and weights on [-1, 1] by Newton's method on P_8
        int n = 8;
        GL_X = new double[n];
        GL_W = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            for (int it = 0; it < 100; it++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                double dp = n * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / dp;
                x -= dx;
                if (Math.abs(dx) < 1e-16) {
                    p0 = 1;
                    p1 = x;
                    for (int k = 2; k <= n; k++) {
                        double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                        p0 = p1;
                        p1 = p2;
                    }
                    dp = n * (x * p1 - p0) / (x * x - 1);
                    GL_X[i] = x;
                    GL_W[i] = 2 / ((1 - x * x) * dp * dp);
                    break;
                }
            }
        }
    }

    /** Nodes and weights of the unit panels [−12, −11], …, [11, 12], the common case. */
    private static final double[] UNIT_X;
    private static final double[] UNIT_W;

    static {
        int cells = (int) (2 * RANGE);
        UNIT_X = new double[cells * GL_X.length];
        UNIT_W = new double[UNIT_X.length];
        for (int c = 0; c < cells; c++) {
            double mid = c - RANGE + 0.5;
            for (int i = 0; i < GL_X.length; i++) {
                double x = mid + 0.5 * GL_X[i];
                UNIT_X[c * GL_X.length + i] = x;
                UNIT_W[c * GL_X.length + i] = 0.5 * GL_W[i] * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
            }
        }
    }

    private final double mean;
    private final double sigma;
    private final double[] xi;
    private final double[] weight;

    private GaussianRule(double mean, double sigma, double[] xi, double[] weight) {
        this.mean = mean;
        this.sigma = sigma;
        this.xi = xi;
        this.weight = weight;
    }

    /**
     * @param mean        μ
     * @param sigma       σ &gt;= 0 (0: the point mass at μ, one node)
     * @param breakpoints z values that must be panel boundaries (kinks, region boundaries); may be empty
     * @return the rule
     */
    static GaussianRule of(double mean, double sigma, double[] breakpoints) {
        return of(mean, sigma, breakpoints, XI_PANEL, Z_ACTIVE);
    }

    /** N(0, 1) on 12 panels of width 2: 96 nodes, for smooth integrands. */
    static GaussianRule coarse() {
        return of(0, 1, new double[0], 2 * RANGE / 12, 0);
    }

    /**
     * A rule with panels at most {@code xiPanel} wide in ξ and no z grid: for integrands whose only features are at
     * the given breakpoints.
     */
    static GaussianRule plain(double mean, double sigma, double[] breakpoints, double xiPanel) {
        return of(mean, sigma, breakpoints, xiPanel, 0);
    }

    private static GaussianRule of(double mean, double sigma, double[] breakpoints, double xiPanel, double zActive) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            return new GaussianRule(mean, 0, new double[] {0}, new double[] {1});
        }
        double lo = mean - RANGE * sigma;
        double hi = mean + RANGE * sigma;
        double[] cuts = new double[4 * (int) (RANGE / xiPanel) + 4 * (int) (Z_ACTIVE / Z_PANEL) + breakpoints.length
                + 8];
        int n = 0;
        for (double x = -RANGE; x <= RANGE + 1e-12; x += xiPanel) {
            cuts[n++] = x;
        }
        double zFrom = Math.max(lo, -zActive);
        double zTo = Math.min(hi, zActive);
        if (zFrom < zTo && sigma * xiPanel > 2 * Z_PANEL) {
            // only when ξ panels are wider than 2 in z: then the activation's features need finer panels
            for (double k = Math.ceil(zFrom / Z_PANEL); k * Z_PANEL <= zTo; k++) {
                cuts[n++] = (k * Z_PANEL - mean) / sigma;
            }
        }
        for (double b : breakpoints) {
            if (b > lo && b < hi) {
                cuts[n++] = (b - mean) / sigma;
            }
        }
        Arrays.sort(cuts, 0, n);
        // unique, within the range; two cuts closer than 1e-9 (in ξ) are one
        double[] edges = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double c = Math.max(-RANGE, Math.min(RANGE, cuts[i]));
            if (m == 0 || c - edges[m - 1] > 1e-9) {
                edges[m++] = c;
            }
        }
        int panels = m - 1;
        double[] xs = new double[panels * GL_X.length];
        double[] ws = new double[xs.length];
        double total = 0;
        int k = 0;
        boolean unit = xiPanel == XI_PANEL;
        for (int p = 0; p < panels; p++) {
            double a = edges[p];
            double b = edges[p + 1];
            int cell = (int) Math.round(a + RANGE);
            if (unit && Math.abs(a - (cell - RANGE)) < 1e-12 && Math.abs(b - (cell + 1 - RANGE)) < 1e-12) {
                // an unsplit unit panel: its nodes and weights are precomputed
                System.arraycopy(UNIT_X, cell * GL_X.length, xs, k, GL_X.length);
                System.arraycopy(UNIT_W, cell * GL_X.length, ws, k, GL_X.length);
                for (int i = 0; i < GL_X.length; i++) {
                    total += ws[k + i];
                }
                k += GL_X.length;
                continue;
            }
            double half = (b - a) / 2;
            double mid = (a + b) / 2;
            for (int i = 0; i < GL_X.length; i++) {
                double x = mid + half * GL_X[i];
                xs[k] = x;
                ws[k] = half * GL_W[i] * INV_SQRT_2PI * Math.exp(-0.5 * x * x);
                total += ws[k];
                k++;
            }
        }
        for (int i = 0; i < ws.length; i++) {
            ws[i] /= total;
        }
        return new GaussianRule(mean, sigma, xs, ws);
    }

    /** @return the number of nodes */
    int size() {
        return xi.length;
    }

    /** @return μ */
    double mean() {
        return mean;
    }

    /** @return σ */
    double sigma() {
        return sigma;
    }

    /** @return a copy of the weights (they include the N(0, 1) density and sum to 1) */
    double[] weights() {
        return weight.clone();
    }

    /** Writes the nodes' z = μ + σξ into {@code out} from {@code offset}. */
    void points(double[] out, int offset) {
        for (int i = 0; i < xi.length; i++) {
            out[offset + i] = mean + sigma * xi[i];
        }
    }

    /** @return the nodes' z = μ + σξ */
    double[] points() {
        double[] z = new double[xi.length];
        points(z, 0);
        return z;
    }

    /** @return Σ w_i f_i for values f at this rule's nodes, read from {@code values[offset ...]} */
    double expect(double[] values, int offset) {
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            s += weight[i] * values[offset + i];
        }
        return s;
    }

    /** @return Σ w_i f_i^power */
    double expectPower(double[] values, int offset, int power) {
        double s = 0;
        for (int i = 0; i < weight.length; i++) {
            double v = values[offset + i];
            double p = v;
            for (int j = 1; j < power; j++) {
                p *= v;
            }
            s += weight[i] * p;
        }
        return s;
    }

    private static final double[] SQRT = new double[HERMITE + 2];
    private static final double[] INV_SQRT = new double[HERMITE + 2];

    static {
        for (int k = 0; k < SQRT.length; k++) {
            SQRT[k] = Math.sqrt(k);
            INV_SQRT[k] = k == 0 ? 0 : 1 / SQRT[k];
        }
    }

    /**
     * The normalized Hermite coefficients {@code c_k = E[f(μ + σξ)·He_k(ξ)/√k!]}, k = 0..{@link #HERMITE}, of
     * several functions given by their values at this rule's nodes (each read from {@code offset}), in one pass
     * (for the point mass, c_0 = f and the rest 0).
     *
     * @return one coefficient array per function
     */
    double[][] hermite(int offset, double[]... values) {
        int m = values.length;
        double[][] c = new double[m][HERMITE + 1];
        double[] h = new double[HERMITE + 1];
        for (int i = 0; i < weight.length; i++) {
            double x = xi[i];
            h[0] = 1;
            if (sigma > 0) {
                h[1] = x;
                for (int k = 1; k < HERMITE; k++) {
                    h[k + 1] = (x * h[k] - SQRT[k] * h[k - 1]) * INV_SQRT[k + 1];
                }
            }
            int top = sigma > 0 ? HERMITE : 0;
            for (int j = 0; j < m; j++) {
                double f = weight[i] * values[j][offset + i];
                double[] cj = c[j];
                for (int k = 0; k <= top; k++) {
                    cj[k] += f * h[k];
                }
            }
        }
        return c;
    }

    /**
     * Mehler's formula: for (ξ_a, ξ_b) standard normal with correlation ρ, {@code E[f(μ + σξ_a)·g(μ + σξ_b)] =
     * Σ_k ρ^k f_k g_k}. The series is cut after {@link #HERMITE} terms and the rest replaced by
     * {@code ρ^(K+1)·(E[fg] − Σ_{k≤K} f_k g_k)} (Parseval: the rest of the series at ρ = 1); the error of that is
     * at most {@code |ρ|^(K+1)·√(tail_f·tail_g)}, the tails being {@code E[f²] − Σ f_k²} (Cauchy–Schwarz).
     *
     * @param f   Hermite coefficients of f
     * @param g   Hermite coefficients of g
     * @param fg  E[f·g] at one point
     * @param rho the correlation, in [−1, 1]
     * @return the two-point expectation
     */
    static double mehler(double[] f, double[] g, double fg, double rho) {
        double r = Math.max(-1, Math.min(1, rho));
        double sum = 0;
        double head = 0;
        double p = 1;
        for (int k = 0; k < f.length; k++) {
            sum += p * f[k] * g[k];
            head += f[k] * g[k];
            p *= r;
        }
        return sum + p * (fg - head);
    }
}
