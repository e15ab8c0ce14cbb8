package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions of asynchronous successive halving (Li et al. 2020, Algorithm 2), without any training: which
 * step to run next and what the results so far imply. One thread only (the sweep's driver).
 *
 * <p>{@link #promotion()} looks for a candidate to promote, from the highest rung down: at rung k (of a bracket)
 * with n scored candidates, the best ⌊n/η⌋ by score (ties by lower candidate index) are promotable, and the
 * best of them not yet promoted is returned, to train from rung k's budget to rung k + 1's. If there is none,
 * the driver {@linkplain #admit(int) admits} a new candidate at its bracket's first rung.
 *
 * <p>The paper's ASHA draws candidates without end; a sweep has a finite list. Once the last candidate is in
 * ({@link #allAdmitted()}) a rung promotes ⌈n/η⌉ instead of ⌊n/η⌋: the best candidate of every non-empty rung
 * then moves on, so the search always ends with at least one candidate trained to the full budget (with ⌊n/η⌋
 * a rung that ends with fewer than η candidates, e.g. after health pruning thinned the rung below it, would
 * promote nobody). This costs at most one promotion per rung more than ⌊n/η⌋. Decisions use the
 * results that have arrived, in the order they arrived, so with several jobs at once they depend on timing
 * (as in the paper); with one job at a time they are deterministic. Pruned and crashed candidates
 * ({@link #ended(int)}) hold no place in any rung.
 */
final class AshaScheduler {

    /** A step: train {@code candidate} from {@code from} to {@code to} iterations, then score it at {@code rung}. */
    static final class Step {
        final int candidate;
        final int rung;
        final int from;
        final int to;

        Step(int candidate, int rung, int from, int to) {
            this.candidate = candidate;
            this.rung = rung;
            this.from = from;
            this.to = to;
        }

        @Override
        public String toString() {
            return "candidate " + candidate + " -> rung " + rung + " (" + from + " -> " + to + ")";
        }
    }

    /** A candidate's score at one rung. */
    private static final class Entry {
        final int candidate;
        final double score;

        Entry(int candidate, double score) {
            this.candidate = candidate;
            this.score = score;
        }
    }

    private final Schedule schedule;
    private final Comparator<Entry> best;
    /** Per bracket, per rung: the candidates scored there. */
    private final List<List<List<Entry>>> scored = new ArrayList<>();
    /** Per bracket, per rung: the candidates promoted from there. */
    private final List<List<Set<Integer>>> promoted = new ArrayList<>();
    private final Map<Integer, Integer> bracketOf = new HashMap<>();
    private int admitted;
    private boolean allAdmitted;

    /**
     * @param schedule the rungs, η and brackets
     * @param minimize whether lower scores are better
     */
    AshaScheduler(Schedule schedule, boolean minimize) {
        this.schedule = schedule;
        Comparator<Entry> byScore = Comparator.comparingDouble(e -> e.score);
        this.best = (minimize ? byScore : byScore.reversed()).thenComparingInt(e -> e.candidate);
        for (int b = 0; b < schedule.brackets(); b++) {
            List<List<Entry>> rs = new ArrayList<>();
            List<Set<Integer>> ps = new ArrayList<>();
            for (int k = 0; k < schedule.rungs(); k++) {
                rs.add(new ArrayList<>());
                ps.add(new HashSet<>());
            }
            scored.add(rs);
            promoted.add(ps);
        }
    }

    /**
     * @return the next promotion (and marks it taken), or null if no scored candidate is promotable now
     */
    Step promotion() {
        for (int k = schedule.rungs() - 2; k >= 0; k--) {
            for (int b = 0; b < schedule.brackets(); b++) {
                if (k < b) {
                    continue;
                }
                List<Entry> rung = ranked(b, k);
                int quota = quota(k, rung.size());
                for (int i = 0; i < quota; i++) {
                    Entry e = rung.get(i);
                    if (promoted.get(b).get(k).add(e.candidate)) {
                        return new Step(e.candidate, k + 1, schedule.budget(k), schedule.budget(k + 1));
                    }
                }
            }
        }
        return null;
    }

    /** No more candidates will be admitted: from now on a rung promotes ⌈n/η⌉ of its n scored candidates. */
    void allAdmitted() {
        allAdmitted = true;
    }

    /**
     * Admits a new candidate: it joins bracket {@code (admitted so far) mod brackets} and trains to that
     * bracket's first rung.
     *
     * @param candidate the candidate's index
     * @return its first step
     */
    Step admit(int candidate) {
        if (allAdmitted) {
            throw new IllegalStateException("candidate " + candidate + " was admitted after the last one");
        }
        int b = admitted++ % schedule.brackets();
        if (bracketOf.putIfAbsent(candidate, b) != null) {
            throw new IllegalStateException("candidate " + candidate + " was admitted twice");
        }
        return new Step(candidate, b, 0, schedule.budget(b));
    }

    /**
     * Records a finite score of a candidate at a rung.
     *
     * @param candidate the candidate
     * @param rung      the rung of its step
     * @param score     the score (finite)
     */
    void scored(int candidate, int rung, double score) {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite, was " + score + " (record the candidate as "
                    + "crashed instead)");
        }
        scored.get(bracket(candidate)).get(rung).add(new Entry(candidate, score));
    }

    /** A candidate was pruned or crashed: it holds no place in any rung (it was never scored where it ended). */
    void ended(int candidate) {
        bracket(candidate);
    }

    /** @return whether the rung is the last one (a candidate scored there is finished) */
    boolean top(int rung) {
        return rung == schedule.rungs() - 1;
    }

    /**
     * @param candidate a scored candidate
     * @param rung      a rung it was scored at
     * @return its 1-based rank there among all candidates of its bracket scored there (ties by index)
     */
    int rank(int candidate, int rung) {
        List<Entry> r = ranked(bracket(candidate), rung);
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i).candidate == candidate) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("candidate " + candidate + " was not scored at rung " + rung);
    }

    /**
     * @param candidate a candidate
     * @param rung      a rung
     * @return how many candidates of its bracket were scored at the rung
     */
    int finished(int candidate, int rung) {
        return scored.get(bracket(candidate)).get(rung).size();
    }

    /**
     * @param rung     a rung
     * @param finished candidates scored there
     * @return how many of them the rule promotes: ⌊finished/η⌋, ⌈finished/η⌉ once all candidates are admitted,
     *         0 at the top rung (its candidates are done)
     */
    int quota(int rung, int finished) {
        if (top(rung)) {
            return 0;
        }
        int eta = schedule.eta();
        return allAdmitted ? (finished + eta - 1) / eta : finished / eta;
    }

    private int bracket(int candidate) {
        Integer b = bracketOf.get(candidate);
        if (b == null) {
            throw new IllegalArgumentException("candidate " + candidate + " was never admitted");
        }
        return b;
    }

    private List<Entry> ranked(int bracket, int rung) {
        List<Entry> r = new ArrayList<>(scored.get(bracket).get(rung));
        r.sort(best);
        return r;
    }
}
