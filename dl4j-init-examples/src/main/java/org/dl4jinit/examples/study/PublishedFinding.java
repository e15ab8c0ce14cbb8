package org.dl4jinit.examples.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dl4jinit.health.HealthCondition;
import org.nd4j.linalg.activations.Activation;

/**
 * What the papers found, as a rule over the study's cells that says plainly whether this run reproduced it.
 * Each rule is stated in its javadoc; the thresholds are part of the claim, not tuned per run.
 */
public enum PublishedFinding {

    /**
     * Every cell with zero or N(0,1)·0.001 weights and ≥ 10 hidden layers fails condition 2 (activations not
     * zero) at some iteration.
     */
    BAD_INITS_FAIL_CONDITION_2("zero init and N(0,1)·0.001 fail condition 2 (activations not zero) in deep nets",
            "Glorot & Bengio 2010, §4.2; Mishkin & Matas 2016, §1") {
        @Override
        FindingCheck check(List<CellResult> cells) {
            List<CellResult> bad = cells.stream().filter(c -> (c.cell().init() == StudyInit.ZERO
                    || c.cell().init() == StudyInit.TINY) && c.cell().architecture().depth() >= 10).toList();
            if (bad.isEmpty()) {
                return notRun("no zero or N(0,1)·0.001 cell with >= 10 hidden layers ran");
            }
            List<String> evidence = new ArrayList<>();
            boolean all = true;
            for (CellResult c : bad) {
                GroupOutcome o = c.outcome(HealthCondition.Group.CONDITION_2_NOT_ZERO);
                all &= o.failed();
                evidence.add(o.failed()
                        ? c.cell().id() + " failed at iteration " + o.firstFailing() + " (" + o.firstReason() + ")"
                        : c.cell().id() + " never failed condition 2");
            }
            return result(all, String.join("; ", evidence));
        }
    },

    /**
     * In a ReLU MLP with ≥ 20 hidden layers, He trains (its final loss is ≥ 0.2 below chance, ln 10) and Xavier
     * lags (its final loss is ≥ 0.1 above He's).
     */
    HE_TRAINS_DEEP_RELU("a deep (>= 20-layer) ReLU MLP trains with He and stalls or lags with Xavier",
            "He et al. 2015, Fig. 3") {
        @Override
        FindingCheck check(List<CellResult> cells) {
            Optional<CellResult> he = find(cells, Activation.RELU, 20, StudyInit.HE);
            Optional<CellResult> xavier = find(cells, Activation.RELU, 20, StudyInit.XAVIER);
            if (he.isEmpty() || xavier.isEmpty()) {
                return notRun("needs the He and Xavier cells of a ReLU MLP with >= 20 hidden layers");
            }
            CellResult h = he.get();
            CellResult x = xavier.get();
            boolean heTrains = h.finalLoss() <= LN10 - 0.2;
            boolean xavierLags = x.finalLoss() >= h.finalLoss() + 0.1;
            return result(heTrains && xavierLags, String.format(Locale.ROOT,
                    "%s: He loss %.3f -> %.3f (test acc %.3f, below 2.2 from iteration %s); Xavier %.3f -> %.3f "
                            + "(test acc %.3f, below 2.2 from iteration %s)",
                    h.cell().architecture().title(), h.initialLoss(), h.finalLoss(), h.testAccuracy(),
                    firstBelow(h, 2.2), x.initialLoss(), x.finalLoss(), x.testAccuracy(), firstBelow(x, 2.2)));
        }
    },

    /** In a tanh MLP, Xavier's final loss is ≥ 0.05 below that of the standard U[±1/√n]. */
    XAVIER_BEATS_STANDARD_TANH("tanh with the old U[±1/√n] init lags Xavier's normalized init",
            "Glorot & Bengio 2010, Table 1") {
        @Override
        FindingCheck check(List<CellResult> cells) {
            Optional<CellResult> std = find(cells, Activation.TANH, 1, StudyInit.STANDARD);
            Optional<CellResult> xavier = find(cells, Activation.TANH, 1, StudyInit.XAVIER);
            if (std.isEmpty() || xavier.isEmpty()) {
                return notRun("needs the U[±1/√n] and Xavier cells of a tanh MLP");
            }
            CellResult s = std.get();
            CellResult x = xavier.get();
            return result(x.finalLoss() <= s.finalLoss() - 0.05, String.format(Locale.ROOT,
                    "%s: Xavier loss %.3f (test acc %.3f) vs U[±1/√n] loss %.3f (test acc %.3f)",
                    x.cell().architecture().title(), x.finalLoss(), x.testAccuracy(), s.finalLoss(),
                    s.testAccuracy()));
        }
    },

    /**
     * In a sigmoid MLP with the standard U[±1/√n] init, the top hidden layer's mean activation falls below
     * {@value #SIGMOID_LOW} (within 5% of the lower saturation value 0, where σ' = a(1 − a) is under a fifth of
     * its maximum) within the budget, while the first hidden layer's mean stays in [0.3, 0.7]. The evidence also
     * says whether the listener's condition 1 (saturated fraction with its margin, default 0.02) flagged it.
     */
    SIGMOID_TOP_LAYER_SATURATES("a sigmoid net's top hidden layer is pushed into saturation (towards 0) early "
            + "with the standard init", "Glorot & Bengio 2010, Fig. 2") {
        @Override
        FindingCheck check(List<CellResult> cells) {
            Optional<CellResult> std = find(cells, Activation.SIGMOID, 1, StudyInit.STANDARD);
            if (std.isEmpty()) {
                return notRun("needs the U[±1/√n] cell of a sigmoid MLP");
            }
            CellResult s = std.get();
            int top = s.hiddenLayers() - 1;
            double[] topMean = s.activationMean(top);
            double[] firstMean = s.activationMean(0);
            int below = -1;
            for (int i = 0; i < topMean.length && below < 0; i++) {
                if (topMean[i] < SIGMOID_LOW) {
                    below = i;
                }
            }
            boolean firstStays = true;
            for (double m : firstMean) {
                firstStays &= m >= 0.3 && m <= 0.7;
            }
            GroupOutcome c1 = s.outcome(HealthCondition.Group.CONDITION_1_NOT_SATURATED);
            GroupOutcome c2 = s.outcome(HealthCondition.Group.CONDITION_2_NOT_ZERO);
            return result(below >= 0 && firstStays, String.format(Locale.ROOT,
                    "%s, %d iterations of batch %d: top hidden layer mean activation %.3f -> %.3f (below %.2f from "
                            + "iteration %s), first hidden layer %.3f -> %.3f; the listener's condition 1 "
                            + "(saturated fraction, margin 0.02): %s (top layer max %.3f); condition 2: %s%s",
                    s.cell().architecture().title(), s.iterations(), s.batchSize(), topMean[0],
                    topMean[topMean.length - 1], SIGMOID_LOW, below < 0 ? "never" : Integer.toString(below),
                    firstMean[0], firstMean[firstMean.length - 1], c1.summary(), s.maxSaturated(top), c2.summary(),
                    c2.failed() ? " (" + c2.firstReason() + ")" : ""));
        }
    },

    /**
     * In every architecture with an LSUV cell and a zero or N(0,1)·0.001 cell, LSUV's final loss is ≥ 0.5 below
     * the best of those, and LSUV does not end failing condition 2.
     */
    LSUV_TRAINS_WHAT_BAD_INITS_CANNOT("LSUV trains what the bad inits cannot", "Mishkin & Matas 2016, Table 2") {
        @Override
        FindingCheck check(List<CellResult> cells) {
            List<String> evidence = new ArrayList<>();
            boolean all = true;
            boolean any = false;
            for (CellResult l : cells) {
                if (l.cell().init() != StudyInit.LSUV) {
                    continue;
                }
                Optional<CellResult> best = cells.stream().filter(c -> c.cell().architecture()
                        .equals(l.cell().architecture()) && (c.cell().init() == StudyInit.ZERO
                        || c.cell().init() == StudyInit.TINY))
                        .min((a, b) -> Double.compare(a.finalLoss(), b.finalLoss()));
                if (best.isEmpty()) {
                    continue;
                }
                any = true;
                CellResult b = best.get();
                boolean ok = l.finalLoss() <= b.finalLoss() - 0.5
                        && l.outcome(HealthCondition.Group.CONDITION_2_NOT_ZERO).finalVerdict()
                        != org.dl4jinit.health.Verdict.FAILING;
                all &= ok;
                evidence.add(String.format(Locale.ROOT, "%s: LSUV loss %.3f (test acc %.3f) vs %s %.3f (test acc "
                        + "%.3f)", l.cell().architecture().title(), l.finalLoss(), l.testAccuracy(),
                        b.cell().init().label(), b.finalLoss(), b.testAccuracy()));
            }
            if (!any) {
                return notRun("needs an LSUV cell and a zero or N(0,1)·0.001 cell of the same network");
            }
            return result(all, String.join("; ", evidence));
        }
    };

    private static final double LN10 = Math.log(10);

    /** Mean activation below which a sigmoid layer counts as pushed to its lower saturation value. */
    public static final double SIGMOID_LOW = 0.05;

    private final String claim;
    private final String source;

    PublishedFinding(String claim, String source) {
        this.claim = claim;
        this.source = source;
    }

    /** @return what the paper found, in one line */
    public String claim() {
        return claim;
    }

    /** @return the paper and the figure or table */
    public String source() {
        return source;
    }

    abstract FindingCheck check(List<CellResult> cells);

    FindingCheck result(boolean reproduced, String evidence) {
        return new FindingCheck(this, reproduced ? FindingCheck.Outcome.REPRODUCED
                : FindingCheck.Outcome.NOT_REPRODUCED, evidence);
    }

    FindingCheck notRun(String why) {
        return new FindingCheck(this, FindingCheck.Outcome.NOT_RUN, why);
    }

    private static Optional<CellResult> find(List<CellResult> cells, Activation activation, int minDepth,
            StudyInit init) {
        return cells.stream().filter(c -> c.cell().architecture().activation() == activation
                && c.cell().architecture().depth() >= minDepth && c.cell().init() == init).findFirst();
    }

    private static String firstBelow(CellResult c, double level) {
        double[] loss = c.loss();
        for (int i = 0; i < loss.length; i++) {
            if (loss[i] < level) {
                return Integer.toString(i);
            }
        }
        return "never";
    }

    /**
     * @param cells the study's results
     * @return every finding checked, in declaration order
     */
    public static List<FindingCheck> checkAll(List<CellResult> cells) {
        List<FindingCheck> checks = new ArrayList<>();
        for (PublishedFinding f : values()) {
            checks.add(f.check(cells));
        }
        return checks;
    }
}
