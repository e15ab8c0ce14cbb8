package org.dl4jinit.health;

import java.io.IOException;
import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.termination.IterationTerminationCondition;
import org.deeplearning4j.nn.api.Model;

/**
 * Ends early-stopping training when a {@link GradientHealthListener}'s verdict has been FAILING for N
 * consecutive checked iterations ({@link HealthReport#failingStreak()}, the counter THROW and sweep pruning
 * read). After it fired, {@link #toString()} — which DL4J puts into the result's termination details — names
 * the streak, the iteration and the headline finding (layer, condition, value, cause, remedy).
 *
 * <pre>{@code
 * GradientHealthListener health = new GradientHealthListener();
 * net.setListeners(health);
 * HealthTerminationCondition stop = new HealthTerminationCondition(health, 3);
 * EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
 *         .iterationTerminationConditions(stop)
 *         .modelSaver(stop.modelSaver(new InMemoryModelSaver<>()))
 *         .scoreCalculator(...).epochTerminationConditions(...).build();
 * EarlyStoppingResult<MultiLayerNetwork> r = new EarlyStoppingTrainer(es, net, trainIter).fit();
 * }</pre>
 *
 * <p>DL4J's {@code IterationTerminationCondition} only sees the score, so the condition reads the listener
 * attached to the model being trained. DL4J 1.0.0-M2.1's {@code BaseEarlyStoppingTrainer} asks the model saver
 * for the best model when training ends; if that happens within the first epoch, before any best model was
 * saved, a plain saver returns null and the trainer fails with a NullPointerException. Wrap the saver with
 * {@link #modelSaver(EarlyStoppingModelSaver)}: until a best model is saved it answers with the model being
 * trained, as it was when training stopped (the result's best-model epoch is then −1).
 */
public final class HealthTerminationCondition implements IterationTerminationCondition {

    private static final long serialVersionUID = 2L;

    private final transient GradientHealthListener listener;
    private final int failingIterations;
    private transient volatile HealthReport fired;

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
        fired = null;
    }

    @Override
    public boolean terminate(double lastMiniBatchScore) {
        HealthReport r = listener == null ? null : listener.lastReport();
        if (r != null && r.failingStreak() >= failingIterations) {
            fired = r;
            return true;
        }
        return false;
    }

    /** @return the report that ended training, or null if the condition has not fired */
    public HealthReport firedOn() {
        return fired;
    }

    /**
     * A model saver that DL4J's early-stopping trainer can always get a best model from (see the class comment).
     *
     * @param delegate the saver that keeps the best and latest models, not null
     * @param <T>      the model type
     * @return the wrapping saver
     */
    public <T extends Model> EarlyStoppingModelSaver<T> modelSaver(EarlyStoppingModelSaver<T> delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("delegate must not be null");
        }
        return new Saver<>(delegate, listener);
    }

    @Override
    public String toString() {
        HealthReport r = fired;
        String head = "HealthTerminationCondition(failing for " + failingIterations + " consecutive iterations)";
        if (r == null) {
            return head;
        }
        return head + " fired at iteration " + r.iteration() + " after " + r.failingStreak()
                + " FAILING iterations: " + r.headline().map(Violation::message).orElse("(no finding)");
    }

    /** Delegates; answers {@link #getBestModel()} with the trained model until a best model is saved. */
    private static final class Saver<T extends Model> implements EarlyStoppingModelSaver<T> {
        private static final long serialVersionUID = 1L;
        private final EarlyStoppingModelSaver<T> delegate;
        private final transient GradientHealthListener listener;
        private boolean bestSaved;

        Saver(EarlyStoppingModelSaver<T> delegate, GradientHealthListener listener) {
            this.delegate = delegate;
            this.listener = listener;
        }

        @Override
        public void saveBestModel(T net, double score) throws IOException {
            delegate.saveBestModel(net, score);
            bestSaved = true;
        }

        @Override
        public void saveLatestModel(T net, double score) throws IOException {
            delegate.saveLatestModel(net, score);
        }

        @SuppressWarnings("unchecked")
        @Override
        public T getBestModel() throws IOException {
            if (bestSaved) {
                return delegate.getBestModel();
            }
            Model trained = listener == null ? null : listener.lastModel();
            if (trained == null) {
                return delegate.getBestModel();
            }
            return (T) trained;
        }

        @Override
        public T getLatestModel() throws IOException {
            return delegate.getLatestModel();
        }
    }
}
