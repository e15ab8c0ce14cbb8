package org.dl4jinit.propagation;

import org.dl4jinit.health.ActivationFamily;

/**
 * What an element-wise activation f makes of a Gaussian pre-activation: the moments of {@code a = f(z)} (per
 * input group and over all), {@code E[f'(z)²]} (the backward gain), the two-point moments that carry correlations
 * to the next layer (Mehler's formula on Hermite coefficients), the fractions of values exactly zero and saturated
 * (exact Gaussian probabilities of the activation's regions), the fractions of units dead or saturated for all of
 * their observed values, and the finite-width fluctuation of the layer's second moment and variance.
 *
 * <h2>Per-unit figures</h2>
 * One unit's values over the observed points share a Gaussian part {@code s ~ N(0, c)} (c = crossUnit) and
 * differ by independent parts of variance {@code q − c}; then
 * {@code P(unit dead) = E_s[P(z ∈ zero | s)^N]} for N observed values (Poole et al. 2016's correlation map gives c).
 *
 * <h2>Finite width</h2>
 * A layer of n units averages n independent per-unit statistics {@code g_i = (1/N)Σ_a f(z_ia)²}; their variance
 * is {@code Var_s(E[f²|s]) + E_s[Var(f²|s)]/N}, so the relative variance of the layer's second moment from one
 * weight draw is {@code Var(g)/(n·E[f²]²)} — for ReLU and a single input 5/n, the per-layer term of Hanin &amp;
 * Rolnick 2018. Each unit's scale {@code w_iᵀKw_i} also varies with its weights, by the relative variance
 * {@code 2·tr(K²)/tr(K)²} of its inputs' second-moment matrix K (2/fan-in for independent inputs; much more for
 * a convolution over a smooth image, whose few taps are alike).
 */
final class Response {

    private final double[] m1;
    private final double[] m2;
    private final double[] slope2;
    private final double mean;
    private final double secondMoment;
    private final double[] coefValue;
    private final double[] coefSlope;
    private final double pooledSlope2;
    private final Cross cross;
    private final double zero;
    private final double saturated;
    private final double deadUnits;
    private final double saturatedUnits;
    private final double secondMomentElasticity;
    private final double varianceElasticity;
    private final double secondMomentNoise;
    private final double varianceNoise;

    private Response(Builder b) {
        this.m1 = b.m1;
        this.m2 = b.m2;
        this.slope2 = b.slope2;
        this.mean = b.mean;
        this.secondMoment = b.secondMoment;
        this.coefValue = b.coefValue;
        this.coefSlope = b.coefSlope;
        this.pooledSlope2 = b.pooledSlope2;
        this.cross = b.cross;
        this.zero = b.zero;
        this.saturated = b.saturated;
        this.deadUnits = b.deadUnits;
        this.saturatedUnits = b.saturatedUnits;
        this.secondMomentElasticity = b.secondMomentElasticity;
        this.varianceElasticity = b.varianceElasticity;
        this.secondMomentNoise = b.secondMomentNoise;
        this.varianceNoise = b.varianceNoise;
    }

    /**
     * @param probe    the activation
     * @param pre      the pre-activation
     * @param regions  the activation's zero and saturation regions
     * @param family   its family (which saturation regions count for units)
     * @param observed values per unit the listener observes (dead and saturated units)
     * @param points   values per unit in the whole batch (finite-width statistics)
     * @param units    units (channels) of the layer
     * @param tiny     magnitudes below this are exactly zero in the network's data type (pre-activations flush)
     * @param scaleSpread the relative variance of one unit's pre-activation variance from its own weights,
     *                 {@code 2·tr(K²)/tr(K)²} for the (centred) second-moment matrix K of its inputs
     * @return the response
     */
    static Response of(ActivationProbe probe, PreActivation pre, ActivationProbe.Regions regions,
            ActivationFamily family, long observed, long points, long units, double tiny, double scaleSpread) {
        double mu = pre.mean();
        double[] q = pre.variances();
        double[] w = pre.weights();
        double[] breaks = regions.boundaries();
        int groups = q.length;
        GaussianRule[] rules = new GaussianRule[groups + 1];
        int total = 0;
        for (int g = 0; g < groups; g++) {
            rules[g] = GaussianRule.of(mu, Math.sqrt(q[g]), breaks);
            total += rules[g].size();
        }
        // with one group the pooled rule is the group's
        GaussianRule pooled = groups == 1 ? rules[0] : GaussianRule.of(mu, Math.sqrt(pre.variance()), breaks);
        rules[groups] = pooled;
        total += groups == 1 ? 0 : pooled.size();
        double[] z = new double[total];
        int[] offset = new int[groups + 1];
        int at = 0;
        for (int g = 0; g < groups; g++) {
            offset[g] = at;
            rules[g].points(z, at);
            at += rules[g].size();
        }
        offset[groups] = groups == 1 ? 0 : at;
        if (groups > 1) {
            pooled.points(z, at);
        }
        for (int i = 0; i < z.length; i++) {
            if (Math.abs(z[i]) < tiny) {
                z[i] = 0; // as the network computes it: such pre-activations are zero in its data type
            }
        }
        double[] f = new double[z.length];
        double[] d = new double[z.length];
        double smallest = Double.POSITIVE_INFINITY;
        for (int g = 0; g <= groups; g++) {
            smallest = Math.min(smallest, rules[g].sigma());
        }
        probe.evaluate(z, smallest, f, d);
        finiteTails(rules, groups, f, d);
        double[][] zeroSet = regions.intervals(ActivationProbe.Regions.ZERO);
        for (int i = 0; i < f.length; i++) {
            if (Math.abs(f[i]) < tiny || inside(zeroSet, z[i])) {
                f[i] = 0; // zero in the network's data type
            }
        }
        Builder b = new Builder();
        b.m1 = new double[groups];
        b.m2 = new double[groups];
        b.slope2 = new double[groups];
        for (int g = 0; g < groups; g++) {
            b.m1[g] = rules[g].expect(f, offset[g]);
            b.m2[g] = rules[g].expectPower(f, offset[g], 2);
            b.slope2[g] = rules[g].expectPower(d, offset[g], 2);
            b.mean += w[g] * b.m1[g];
            b.secondMoment += w[g] * b.m2[g];
        }
        int po = offset[groups];
        int n = pooled.size();
        double[] f2 = new double[n];
        double[] dd = new double[n];
        for (int i = 0; i < n; i++) {
            f2[i] = f[po + i] * f[po + i];
            dd[i] = d[po + i];
        }
        double pm1 = pooled.expect(f, po);
        double p2 = pooled.expectPower(f, po, 2);
        double p3 = pooled.expectPower(f, po, 3);
        double p4 = pooled.expectPower(f, po, 4);
        double[][] coef = pooled.hermite(0, slice(f, po, n), dd, f2);
        b.coefValue = coef[0];
        b.coefSlope = coef[1];
        double[] coefSquare = coef[2];
        b.pooledSlope2 = pooled.expectPower(dd, 0, 2);
        Cross c = pre.cross();
        double rhoUnit = pre.correlation(c.unit);
        b.cross = new Cross(GaussianRule.mehler(b.coefValue, b.coefValue, p2, pre.correlation(c.feature)),
                GaussianRule.mehler(b.coefValue, b.coefValue, p2, pre.correlation(c.same)),
                GaussianRule.mehler(b.coefValue, b.coefValue, p2, rhoUnit),
                GaussianRule.mehler(b.coefValue, b.coefValue, p2, pre.correlation(c.neighbor)));

        double[][] lowSet = regions.intervals(ActivationProbe.Regions.LOW);
        double[][] highSet = regions.intervals(ActivationProbe.Regions.HIGH);
        double[][] satSet = regions.intervals(ActivationProbe.Regions.LOW | ActivationProbe.Regions.HIGH);
        for (int g = 0; g < groups; g++) {
            double s = Math.sqrt(q[g]);
            b.zero += w[g] * probability(zeroSet, mu, s);
            b.saturated += w[g] * probability(satSet, mu, s);
        }
        if (family == ActivationFamily.NONE) {
            b.saturated = Double.NaN;
        }
        double shared = Math.max(0, c.unit);
        double own = Math.sqrt(Math.max(0, pre.variance() - shared));
        b.deadUnits = allOf(zeroSet, null, mu, Math.sqrt(shared), own, observed);
        if (family == ActivationFamily.NONE) {
            b.saturatedUnits = Double.NaN;
        } else if (family == ActivationFamily.UNIT_INTERVAL) {
            b.saturatedUnits = allOf(lowSet, highSet, mu, Math.sqrt(shared), own, observed);
        } else if (java.util.Arrays.deepEquals(satSet, zeroSet)) {
            b.saturatedUnits = b.deadUnits; // a non-negative rectifier: saturated is zero
        } else {
            b.saturatedUnits = allOf(satSet, null, mu, Math.sqrt(shared), own, observed);
        }

        double var = Math.max(0, p2 - pm1 * pm1);
        double sqrt2 = Math.sqrt(2);
        b.secondMomentElasticity = p2 > 0 ? coefSquare[2] / (sqrt2 * p2) : 0;
        b.varianceElasticity = var > 0 ? (coefSquare[2] - 2 * pm1 * b.coefValue[2]) / (sqrt2 * var) : 0;
        // per-unit statistic of the second moment, g = mean of f² over the unit's points
        double pairSquare = GaussianRule.mehler(coefSquare, coefSquare, p4, rhoUnit);
        double varG = Math.max(0, pairSquare - p2 * p2) + Math.max(0, p4 - pairSquare) / Math.max(1, points);
        b.secondMomentNoise = p2 > 0 ? varG / (Math.max(1, units) * p2 * p2) : 0;
        // and each unit's own scale, w_iᵀKw_i, differs from unit to unit
        b.secondMomentNoise += b.secondMomentElasticity * b.secondMomentElasticity * scaleSpread / Math.max(1, units);
        // per-unit statistic of the variance (linearized): h = f² − 2·m1·f
        double[] coefH = new double[coefSquare.length];
        for (int k = 0; k < coefH.length; k++) {
            coefH[k] = coefSquare[k] - 2 * pm1 * b.coefValue[k];
        }
        double hh = p4 - 4 * pm1 * p3 + 4 * pm1 * pm1 * p2;
        double h = p2 - 2 * pm1 * pm1;
        double pairH = GaussianRule.mehler(coefH, coefH, hh, rhoUnit);
        double varH = Math.max(0, pairH - h * h) + Math.max(0, hh - pairH) / Math.max(1, points);
        b.varianceNoise = var > 0 ? varH / (Math.max(1, units) * var * var) : 0;
        b.varianceNoise += b.varianceElasticity * b.varianceElasticity * scaleSpread / Math.max(1, units);
        return new Response(b);
    }

    /**
     * Some ND4J activations overflow far out (swish' and GELU' are NaN beyond |z| ≈ 350): a node whose weight is
     * below 1e-20 contributes nothing measurable, so a non-finite value there is taken as 0; elsewhere it stays and
     * the prediction is NaN, as the network's would be.
     */
    private static void finiteTails(GaussianRule[] rules, int groups, double[] f, double[] d) {
        int at = 0;
        int count = groups > 1 ? groups + 1 : groups;
        for (int g = 0; g < count; g++) {
            int n = rules[g].size();
            double[] w = null;
            for (int i = 0; i < n; i++, at++) {
                if (!(Double.isFinite(f[at]) && Double.isFinite(d[at]))) {
                    w = w == null ? rules[g].weights() : w;
                    if (w[i] < 1e-20) {
                        f[at] = 0;
                        d[at] = 0;
                    }
                }
            }
        }
    }

    private static double[] slice(double[] a, int from, int n) {
        return from == 0 && a.length == n ? a : java.util.Arrays.copyOfRange(a, from, from + n);
    }

    private static boolean inside(double[][] intervals, double z) {
        for (double[] iv : intervals) {
            if (z > iv[0] && z <= iv[1]) {
                return true;
            }
        }
        return false;
    }

    /** Standard normal CDF ({@link NormalCdf}). */
    static double phi(double x) {
        return NormalCdf.cdf(x);
    }

    /** P(μ + σξ ∈ union of intervals); σ = 0 is the point mass at μ. */
    static double probability(double[][] intervals, double mu, double sigma) {
        double p = 0;
        for (double[] iv : intervals) {
            if (sigma > 0) {
                p += phi((iv[1] - mu) / sigma) - phi((iv[0] - mu) / sigma);
            } else if (mu > iv[0] && mu <= iv[1]) {
                p += 1;
            }
        }
        return Math.max(0, Math.min(1, p));
    }

    /**
     * E_s[P(z ∈ A | s)^N + P(z ∈ B | s)^N] for z = μ + s + own·ε, s ~ N(0, shared²): the probability that all N
     * values of a unit lie in A (or all in B).
     */
    private static double allOf(double[][] a, double[][] bSet, double mu, double shared, double own, long n) {
        if (a.length == 0 && (bSet == null || bSet.length == 0)) {
            return 0;
        }
        double[] cuts = new double[2 * (a.length + (bSet == null ? 0 : bSet.length))];
        int k = 0;
        for (double[] iv : a) {
            cuts[k++] = iv[0] - mu;
            cuts[k++] = iv[1] - mu;
        }
        if (bSet != null) {
            for (double[] iv : bSet) {
                cuts[k++] = iv[0] - mu;
                cuts[k++] = iv[1] - mu;
            }
        }
        // P(·|s) changes only within a few `own` of each boundary: panels of 1 in ξ, cut at the boundaries and at
        // ±(0.5, 1, 2, 4)·own around them
        double[] finite = java.util.Arrays.stream(cuts).filter(Double::isFinite).toArray();
        double[] refined = new double[finite.length * 9];
        int r = 0;
        for (double c : finite) {
            refined[r++] = c;
            for (double f : new double[] {0.5, 1, 2, 4}) {
                refined[r++] = c - f * own;
                refined[r++] = c + f * own;
            }
        }
        GaussianRule rule = GaussianRule.plain(0, shared, java.util.Arrays.copyOf(refined, r), 1);
        double[] s = rule.points();
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            double pa = probability(a, mu + s[i], own);
            double sum = Math.pow(pa, n);
            if (bSet != null) {
                sum += Math.pow(probability(bSet, mu + s[i], own), n);
            }
            v[i] = sum;
        }
        return Math.max(0, Math.min(1, rule.expect(v, 0)));
    }

    /** @return E[f(z)] per input group */
    double[] groupMeans() {
        return m1;
    }

    /** @return E[f(z)²] per input group */
    double[] groupSecondMoments() {
        return m2;
    }

    /** @return E[f'(z)²] per input group */
    double[] groupSlopes() {
        return slope2;
    }

    /** @return the mean of the activations over all groups */
    double mean() {
        return mean;
    }

    /** @return the second moment of the activations over all groups */
    double secondMoment() {
        return secondMoment;
    }

    /** @return the standard deviation of the activations over all groups */
    double std() {
        return Math.sqrt(Math.max(0, secondMoment - mean * mean));
    }

    /** @return the raw two-point products E[f(z)·f(z')] of the activations */
    Cross cross() {
        return cross;
    }

    /**
     * E[f'(z_a)·f'(z_b)] for two values whose pre-activations have correlation ρ (ρ = 1: E[f'²]).
     *
     * @param rho the correlation of the pre-activations
     * @return the two-point moment of the derivative
     */
    double slopePair(double rho) {
        return GaussianRule.mehler(coefSlope, coefSlope, pooledSlope2, rho);
    }

    /** @return the fraction of values exactly zero */
    double zero() {
        return zero;
    }

    /** @return the fraction of values saturated (NaN for activations without a saturation region) */
    double saturated() {
        return saturated;
    }

    /** @return the fraction of units zero for all observed values */
    double deadUnits() {
        return deadUnits;
    }

    /** @return the fraction of units saturated for all observed values (NaN without a saturation region) */
    double saturatedUnits() {
        return saturatedUnits;
    }

    /** @return d log E[f²] / d log q: how a relative error of q reaches the second moment */
    double secondMomentElasticity() {
        return secondMomentElasticity;
    }

    /** @return d log Var[f] / d log q */
    double varianceElasticity() {
        return varianceElasticity;
    }

    /** @return the relative variance of the layer's second moment from one draw of its weights */
    double secondMomentNoise() {
        return secondMomentNoise;
    }

    /** @return the relative variance of the layer's variance from one draw of its weights */
    double varianceNoise() {
        return varianceNoise;
    }

    private static final class Builder {
        double[] m1;
        double[] m2;
        double[] slope2;
        double mean;
        double secondMoment;
        double[] coefValue;
        double[] coefSlope;
        double pooledSlope2;
        Cross cross;
        double zero;
        double saturated;
        double deadUnits;
        double saturatedUnits;
        double secondMomentElasticity;
        double varianceElasticity;
        double secondMomentNoise;
        double varianceNoise;
    }
}
