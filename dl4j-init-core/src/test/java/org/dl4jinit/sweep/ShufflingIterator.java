package org.dl4jinit.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Batches in a new order on every pass, a pure function of the seed and the pass number (0 first, +1 on each
 * {@link #reset()}), as the examples' Fashion-MNIST iterator shuffles: resetting starts the next pass, not the
 * same one again.
 */
final class ShufflingIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final List<DataSet> batches;
    private final long seed;
    private List<DataSet> order;
    private int pass;
    private int cursor;

    ShufflingIterator(List<DataSet> batches, long seed) {
        this.batches = batches;
        this.seed = seed;
        arrange();
    }

    private void arrange() {
        order = new ArrayList<>(batches);
        Collections.shuffle(order, new Random(seed * 31 + pass));
    }

    @Override
    public boolean hasNext() {
        return cursor < order.size();
    }

    @Override
    public DataSet next() {
        return order.get(cursor++).copy();
    }

    @Override
    public DataSet next(int num) {
        return next();
    }

    @Override
    public void reset() {
        pass++;
        cursor = 0;
        arrange();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int inputColumns() {
        return (int) batches.get(0).getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) batches.get(0).getLabels().size(1);
    }

    @Override
    public int batch() {
        return (int) batches.get(0).getFeatures().size(0);
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        throw new UnsupportedOperationException("no pre-processor in this test iterator");
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return null;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
