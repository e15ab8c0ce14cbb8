package org.dl4jinit.sweep;

import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The endless sequence of training minibatches every candidate of an {@link AshaSweep} trains on: batch i of
 * the sequence is the i-th {@code next()} of a fresh iterator from the {@link DataProvider}, which is
 * {@code reset()} each time a pass ends (one epoch). Iteration budgets count positions in this sequence, so a
 * candidate resumed at position p (a fresh iterator advanced by p batches) sees exactly the batches it would
 * have seen training on without a pause; for that the provider must return iterators that behave the same
 * (same batches in the same order, pass after pass), as {@link SweepData} with a fixed shuffling seed does.
 */
final class TrainingStream {

    private final DataSetIterator iterator;
    private int position;

    private TrainingStream(DataSetIterator iterator) {
        this.iterator = iterator;
    }

    /**
     * @param data     the provider
     * @param params   the candidate's data parameters, or null
     * @param position the batches to skip (the iterations the candidate has trained)
     * @return the stream at that position
     * @throws IllegalArgumentException if the provider does not give a DataSetIterator, or a pass is empty
     */
    static TrainingStream open(DataProvider data, Map<String, Object> params, int position) {
        TrainingStream s = new TrainingStream(SweepTaskCreator.iterator("training", data.trainData(params)));
        while (s.position < position) {
            s.next();
        }
        return s;
    }

    /**
     * @return the next minibatch
     * @throws IllegalArgumentException if a pass over the data has no batch at all
     */
    DataSet next() {
        if (!iterator.hasNext()) {
            if (!iterator.resetSupported()) {
                throw new IllegalArgumentException("the training iterator ended after " + position + " batches and "
                        + "does not support reset: a sweep with an iteration budget needs to start further passes");
            }
            iterator.reset();
            if (!iterator.hasNext()) {
                throw new IllegalArgumentException("training data must not be empty: a pass has no batch");
            }
        }
        position++;
        return iterator.next();
    }

    /** @return whether the batch just returned was the last of its pass (the next one starts a new epoch) */
    boolean passEnded() {
        return !iterator.hasNext();
    }

    /** @return the batches returned so far, including the skipped ones */
    int position() {
        return position;
    }
}
