package org.dl4jinit.sweep;

import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.task.TaskListener;
import org.deeplearning4j.core.util.UIDProvider;
import org.deeplearning4j.nn.api.Model;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;

/**
 * Arbiter's {@link TaskListener} hook: {@link #preProcess} attaches a fresh {@link GradientHealthListener} to each
 * candidate model before training, with a {@link PruningSubscriber} subscribed to it when there is a rule. Works
 * with {@link SweepTaskCreator} (pruned candidates recorded as PRUNED) and with Arbiter's own
 * {@code MultiLayerNetworkTaskCreator} (pruned candidates end as Failed with the pruning message).
 */
public final class PruningTaskListener implements TaskListener {

    private static final long serialVersionUID = 1L;

    private final HealthConfig health;
    private final PruningRule rule;
    private final HealthConfig candidate;

    /**
     * @param health the health listener configuration (its subscribers, e.g. a recorder, serve all candidates)
     * @param rule   the pruning rule, or null to attach the health listener and observe only
     * @throws IllegalArgumentException if health is null, or a rule is given and the health frequency is not 1
     */
    public PruningTaskListener(HealthConfig health, PruningRule rule) {
        this.health = Spaces.notNull("health", health);
        this.rule = rule;
        if (rule != null) {
            PruningRule.requireEveryIteration(health.frequency());
        }
        this.candidate = rule == null ? health : health.toBuilder().subscribe(new PruningSubscriber(rule)).build();
    }

    /** @return the default health configuration for sweeps: default thresholds, nothing logged */
    public static HealthConfig quietHealth() {
        return HealthConfig.builder().onWarning().onFailing().build();
    }

    /** @return the rule, or null */
    public PruningRule rule() {
        return rule;
    }

    @Override
    public <T extends Model> T preProcess(T model, Candidate candidate) {
        GradientHealthListener configured = new GradientHealthListener(this.candidate);
        configured.setSessionID("candidate-" + candidate.getIndex());
        // the worker is the JVM that trains the job (a Spark executor's, or this one's), as DL4J's own listeners
        // name workers; set explicitly, so that a candidate's next job in this JVM, which continues it in a new
        // model restored from its state while the last model may not be garbage-collected yet, takes the id over
        // instead of reporting under a second id
        configured.setWorkerID(UIDProvider.getJVMUID());
        model.addListeners(configured);
        return model;
    }

    @Override
    public void postProcess(Model model, Candidate candidate) {
        // results are read from the health listener by the task creator
    }
}
