package org.dl4jinit.sweep;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.nn.api.Model;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * Where {@link RungTrainer} meets health pruning: it attaches the same listeners, applies the same
 * {@link PruningRule} and reads the same verdicts and findings as {@link InitializerSweep}'s candidates (through
 * {@link PruningTaskListener} and {@link SweepTaskCreator}), so a candidate is pruned by an ASHA sweep exactly
 * when and why it is pruned by a plain one. The only place the successive-halving code touches the health
 * package.
 */
final class HealthPruning {

    private HealthPruning() {
    }

    /**
     * Attaches a health listener (and, with a rule, the pruning rule) to a candidate's model before it trains.
     *
     * @param model     the model
     * @param candidate the candidate's index (the health session is "candidate-index", as in plain sweeps)
     * @param health    the health configuration
     * @param rule      the rule, or null to observe only
     */
    static void attach(Model model, int candidate, HealthConfig health, PruningRule rule) {
        new PruningTaskListener(health, rule).preProcess(model, new Candidate<>((Object) null, candidate, null));
    }

    /** @return the verdict of the model's last checked iteration, or null */
    static Verdict verdict(Model model) {
        return SweepTaskCreator.verdict(model);
    }

    /** @return the pruning exception t is or was caused by, or null */
    static CandidatePrunedException pruned(Throwable t) {
        return SweepTaskCreator.pruned(t);
    }

    /** @return the finding that pruned the candidate: layer, condition, figure, value */
    static Violation finding(CandidatePrunedException e) {
        return e.violation();
    }
}
