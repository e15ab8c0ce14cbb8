package org.dl4jinit.health;

import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;

/**
 * Ends early-stopping training when a {@link GradientHealthListener}'s verdict has been FAILING for N
 * consecutive checked iterations.
 *
 * <pre>{@code
 * GradientHealthListener health = new GradientHealthListener();
 * net.setListeners(health);
 * new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
 *         .iterationTerminationConditions(new HealthTerminationCondition(health, 5)) ...
 * }</pre>
 *
 * <p>DL4J's {@code IterationTerminationCondition} only sees the score, so the condition reads the listener
 * attached to the same model. Caveat (DL4J 1.0.0-M2.1): if it fires before the first epoch ended and no best
 * model was saved yet, {@code BaseEarlyStoppingTrainer} fails with a NullPointerException when it returns the
 * (missing) best model; the termination reason is still recorded.
 */
public final class HealthTerminationCondition implements IterationTerminationCondition {

    private static final long serialVersionUID = 1L;

    private final transient GradientHealthListener listener;
    private final int failingIterations;

    /**
     * @param listener          the listener attached to the model being trained
     * @param failingIterations consecutive FAILING checked iterations that end training, &gt;= 1
     */
    public HealthTerminationCondition(GradientHealthListener listener, int failingIterations) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        if (failingIterations < 1) {
            throw new IllegalArgumentException("failingIterations must be >= 1, was " + failingIterations);
        }
        this.listener = listener;
        this.failingIterations = failingIterations;
    }

    @Override
    public void initialize() {
        // the listener's streak is the state; nothing to reset here
    }

    @Override
    public boolean terminate(double lastMiniBatchScore) {
        return listener != null && listener.consecutiveFailingIterations() >= failingIterations;
    }

    @Override
    public String toString() {
        return "HealthTerminationCondition(failing for " + failingIterations + " consecutive iterations)";
    }
}
