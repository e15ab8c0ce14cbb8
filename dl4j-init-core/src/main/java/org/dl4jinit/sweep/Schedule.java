package org.dl4jinit.sweep;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * How an {@link AshaSweep} spends its training budget, counted in iterations (minibatches): the rungs, the
 * reduction factor η and the number of brackets.
 *
 * <ul>
 *   <li>{@link #asha(int, int, int)}: asynchronous successive halving (Li et al., "A System for Massively
 *       Parallel Hyperparameter Tuning", MLSys 2020). Rungs at r, r·η, r·η², … iterations; the top rung is the
 *       maximum budget R. A candidate that has been scored at rung k moves on to rung k + 1 when it is among the
 *       best ⌊n/η⌋ of the n candidates scored at rung k so far.</li>
 *   <li>{@link #hyperband(int, int, int, int)}: several ASHA brackets (Li et al. 2018, "Hyperband"; its
 *       asynchronous form in Li et al. 2020): bracket s starts its candidates at rung s, so later brackets
 *       judge candidates after more training. Candidates are dealt to the brackets in turn (candidate i to
 *       bracket i mod b).</li>
 *   <li>{@link #fullBudget(int)}: every candidate trains the whole budget; one rung. The plain search, run by
 *       the same engine (same data stream, same scoring), so it is the baseline ASHA is compared with.</li>
 * </ul>
 *
 * <p>Rung budgets: r·η^k for k = 0 … k_max − 1, then R on top (so a candidate that reaches the top has trained
 * exactly as long as under {@link #fullBudget(int) fullBudget(R)}), where k_max is log_η(R/r) rounded to the
 * nearest integer: the last step, from r·η^(k_max−1) to R, grows the budget between √η and η·√η times (e.g.
 * r = 20, η = 3: R = 540 gives 20/60/180/540, R = 150 gives 20/60/150, R = 600 gives 20/60/180/600). Successive
 * halving needs at least two rungs: R ≥ r·√η.
 */
public final class Schedule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The paper's default reduction factor. */
    public static final int DEFAULT_ETA = 3;

    private final int[] budgets;
    private final int eta;
    private final int brackets;

    private Schedule(int[] budgets, int eta, int brackets) {
        this.budgets = budgets;
        this.eta = eta;
        this.brackets = brackets;
    }

    /**
     * Asynchronous successive halving.
     *
     * @param minIterations r, the budget of the first rung, &gt;= 1
     * @param maxIterations R, the budget of the top rung, &gt;= r·√η
     * @param eta           η, &gt;= 2: a rung promotes the top 1/η of its candidates and the next rung trains η
     *                      times longer
     * @return the schedule
     * @throws IllegalArgumentException naming the parameter, its value and the rule it breaks
     */
    public static Schedule asha(int minIterations, int maxIterations, int eta) {
        return hyperband(minIterations, maxIterations, eta, 1);
    }

    /**
     * Asynchronous Hyperband: {@code brackets} ASHA brackets over the same rungs; bracket s starts at rung s.
     *
     * @param minIterations r, &gt;= 1
     * @param maxIterations R, &gt;= r·√η
     * @param eta           η, &gt;= 2
     * @param brackets      the number of brackets, 1 (plain ASHA) up to the number of rungs (the last bracket
     *                      then trains its candidates at R without halving, as Hyperband's last bracket does)
     * @return the schedule
     * @throws IllegalArgumentException naming the parameter, its value and the rule it breaks
     */
    public static Schedule hyperband(int minIterations, int maxIterations, int eta, int brackets) {
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be >= 2, was " + eta
                    + ": each rung promotes the top 1/eta of its candidates and trains them eta times longer");
        }
        if (minIterations < 1) {
            throw new IllegalArgumentException("minIterations must be >= 1, was " + minIterations);
        }
        if (maxIterations < minIterations) {
            throw new IllegalArgumentException("maxIterations must be >= minIterations (" + minIterations + "), was "
                    + maxIterations);
        }
        if (!atLeastRootEta(maxIterations, minIterations, eta)) {
            throw new IllegalArgumentException("maxIterations " + maxIterations + " gives a single rung with "
                    + "minIterations " + minIterations + " and eta " + eta + ": successive halving needs at least "
                    + "two rungs, maxIterations >= minIterations * sqrt(eta) (" + twoRungs(minIterations, eta) + ")");
        }
        // rungs r, r·eta, ... while the step from the last one to R is still at least sqrt(eta)
        List<Integer> list = new ArrayList<>();
        long b = minIterations;
        while (atLeastRootEta(maxIterations, b, eta)) {
            list.add((int) b);
            b *= eta;
        }
        list.add(maxIterations);
        int rungs = list.size();
        int[] budgets = list.stream().mapToInt(Integer::intValue).toArray();
        if (brackets < 1 || brackets > rungs) {
            throw new IllegalArgumentException("brackets must be between 1 and the number of rungs (" + rungs
                    + ": " + join(budgets) + " iterations), was " + brackets);
        }
        return new Schedule(budgets, eta, brackets);
    }

    /**
     * Every candidate trains {@code iterations} iterations and is scored once: the plain search.
     *
     * @param iterations the budget of every candidate, &gt;= 1
     * @return the schedule
     * @throws IllegalArgumentException if {@code iterations < 1}
     */
    public static Schedule fullBudget(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        return new Schedule(new int[] {iterations}, 1, 1);
    }

    /** @return whether candidates are halved (false for {@link #fullBudget(int)}) */
    public boolean halving() {
        return budgets.length > 1;
    }

    /** @return η (1 for a full-budget schedule) */
    public int eta() {
        return eta;
    }

    /** @return the number of brackets (1 for ASHA and full budget) */
    public int brackets() {
        return brackets;
    }

    /** @return the number of rungs */
    public int rungs() {
        return budgets.length;
    }

    /**
     * @param rung a rung, 0 … {@link #rungs()} − 1
     * @return the iterations a candidate has trained when it is scored at that rung
     */
    public int budget(int rung) {
        return budgets[rung];
    }

    /** @return R, the budget of the top rung */
    public int maxIterations() {
        return budgets[budgets.length - 1];
    }

    /** @return r, the budget of the first rung */
    public int minIterations() {
        return budgets[0];
    }

    /** Whether R/b &gt;= sqrt(eta), exactly: R² &gt;= eta·b². */
    private static boolean atLeastRootEta(long max, long b, int eta) {
        BigInteger r = BigInteger.valueOf(max);
        BigInteger bb = BigInteger.valueOf(b);
        return r.multiply(r).compareTo(bb.multiply(bb).multiply(BigInteger.valueOf(eta))) >= 0;
    }

    /** The smallest R with R² &gt;= eta·r²: the smallest budget that gives two rungs. */
    private static long twoRungs(int min, int eta) {
        long r = (long) Math.floor(min * Math.sqrt(eta));
        while (r > min && atLeastRootEta(r - 1, min, eta)) {
            r--;
        }
        while (!atLeastRootEta(r, min, eta)) {
            r++;
        }
        return r;
    }

    private static String join(int[] budgets) {
        StringJoiner j = new StringJoiner("/");
        for (int b : budgets) {
            j.add(Integer.toString(b));
        }
        return j.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule && Arrays.equals(((Schedule) o).budgets, budgets) && ((Schedule) o).eta == eta
                && ((Schedule) o).brackets == brackets;
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(budgets) * 31 + eta) * 31 + brackets;
    }

    /** @return e.g. "ASHA eta=3, rungs 20/60/180/540 iterations" or "full budget, 540 iterations" */
    @Override
    public String toString() {
        if (!halving()) {
            return "full budget, " + budgets[0] + " iterations";
        }
        return String.format(Locale.ROOT, "%s eta=%d, rungs %s iterations", brackets == 1 ? "ASHA"
                : "Hyperband (" + brackets + " ASHA brackets)", eta, join(budgets));
    }
}
