package org.dl4jinit.sweep;

import java.io.Serializable;
import java.util.Map;
import java.util.function.Supplier;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Training and test data for a sweep, as Arbiter's {@link DataProvider}: each call asks the supplier for an
 * iterator and resets it (if it supports reset). Let the suppliers create a new iterator on every call, with a
 * fixed shuffling seed if any: then every candidate sees the same batches in the same order (a candidate may
 * ask for several, e.g. LSUV candidates take their LSUV batch from one and train on another). A supplier that
 * hands out one shared iterator gives the same order only to iterators whose reset restarts the same order; a
 * shuffling iterator whose reset starts a new pass would give each candidate a different one.
 */
public final class SweepData implements DataProvider {

    private static final long serialVersionUID = 1L;

    /** A serializable supplier of iterators. */
    @FunctionalInterface
    public interface IteratorSupplier extends Supplier<DataSetIterator>, Serializable {
    }

    private final IteratorSupplier train;
    private final IteratorSupplier test;

    private SweepData(IteratorSupplier train, IteratorSupplier test) {
        this.train = Spaces.notNull("train", train);
        this.test = Spaces.notNull("test", test);
    }

    /**
     * @param train creates the training iterator (one pass = one epoch)
     * @param test  creates the iterator the score function evaluates
     * @return the data
     */
    public static SweepData of(IteratorSupplier train, IteratorSupplier test) {
        return new SweepData(train, test);
    }

    @Override
    public DataSetIterator trainData(Map<String, Object> dataParameters) {
        return reset(train.get());
    }

    @Override
    public DataSetIterator testData(Map<String, Object> dataParameters) {
        return reset(test.get());
    }

    private static DataSetIterator reset(DataSetIterator it) {
        if (it == null) {
            throw new IllegalStateException("the data supplier returned null instead of an iterator");
        }
        if (it.resetSupported()) {
            it.reset();
        }
        return it;
    }

    @Override
    public Class<?> getDataType() {
        return DataSetIterator.class;
    }
}
