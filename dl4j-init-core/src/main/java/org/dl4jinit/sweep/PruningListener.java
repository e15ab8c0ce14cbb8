package org.dl4jinit.sweep;

import java.util.Collection;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;

/**
 * Counts a candidate's iterations and applies the {@link PruningRule} to the {@link GradientHealthListener}
 * attached before it (DL4J calls listeners in order, so the health report of the iteration is ready at
 * {@code iterationDone}). Throws {@link CandidatePrunedException} to stop {@code fit}. With a null rule it only
 * observes (the unpruned baseline still reports verdicts). One instance per model.
 */
public final class PruningListener extends BaseTrainingListener {

    private final GradientHealthListener health;
    private final PruningRule rule;
    private volatile int iterations;

    /**
     * @param health the health listener attached to the same model, before this one
     * @param rule   the rule, or null to observe only
     * @throws IllegalArgumentException if health is null, or a rule is given and the health listener does not
     *                                  check every iteration
     */
    public PruningListener(GradientHealthListener health, PruningRule rule) {
        this.health = Spaces.notNull("health", health);
        this.rule = rule;
        if (rule != null) {
            PruningRule.requireEveryIteration(health.config().frequency());
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        int n = ++iterations;
        if (rule != null && rule.prunes(n, health.consecutiveFailingIterations())) {
            HealthReport r = health.lastReport();
            throw new CandidatePrunedException(n, health.consecutiveFailingIterations(), rule, firstFailing(r));
        }
    }

    private static Violation firstFailing(HealthReport r) {
        for (Violation v : r.violations()) {
            if (v.verdict() == Verdict.FAILING) {
                return v;
            }
        }
        return r.violations().get(0);
    }

    /** @return the iterations finished so far */
    public int iterations() {
        return iterations;
    }

    /** @return the health listener */
    public GradientHealthListener health() {
        return health;
    }

    /**
     * @param model a model prepared by {@link PruningTaskListener}
     * @return its pruning listener, or null if it has none (or is neither a MultiLayerNetwork nor a
     *         ComputationGraph)
     */
    public static PruningListener of(Model model) {
        Collection<TrainingListener> ls = model instanceof MultiLayerNetwork
                ? ((MultiLayerNetwork) model).getListeners()
                : model instanceof ComputationGraph ? ((ComputationGraph) model).getListeners() : null;
        if (ls != null) {
            for (TrainingListener l : ls) {
                if (l instanceof PruningListener) {
                    return (PruningListener) l;
                }
            }
        }
        return null;
    }
}
