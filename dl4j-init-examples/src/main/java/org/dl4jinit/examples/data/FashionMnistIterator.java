package org.dl4jinit.examples.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J {@link DataSetIterator} over a {@link FashionMnistData}: features {@code [batch, rows·columns]} float
 * (784 columns for Fashion-MNIST) mapped by a {@link PixelScaling} (default [0, 1]), labels one-hot
 * {@code [batch, 10]} float. The last batch of a pass may be smaller.
 *
 * <p>Batches are built on {@link #next()} from the shared, never-modified bytes of the data; nothing else is
 * held. With {@link Builder#limit(int) limit(n)} only the first {@code n} examples in file order are used.
 * With {@link Builder#shuffle(long) shuffle(seed)} every pass visits them in a new order that is a pure
 * function of the seed and the pass number (0 for the first pass, +1 on each {@link #reset()}), so two
 * iterators with the same seed yield the same batches epoch after epoch; without it the order is the file order.
 *
 * <p>Not thread-safe; DL4J's {@code AsyncDataSetIterator} (used by {@code fit} because {@link #asyncSupported()}
 * is true) calls it from one prefetch thread at a time.
 */
public final class FashionMnistIterator implements DataSetIterator {

    private static final long serialVersionUID = 1L;
    /** Odd constant (2^64 / golden ratio) spreading pass numbers over the seed space. */
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final FashionMnistData data;
    private final int batchSize;
    private final int size;
    private final PixelScaling scaling;
    private final boolean shuffle;
    private final long seed;

    private final int[] order;
    private int pass;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    private FashionMnistIterator(Builder b) {
        this.data = b.data;
        this.batchSize = b.batchSize;
        this.size = b.limit == null ? b.data.size() : b.limit;
        this.scaling = b.scaling;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.order = new int[size];
        arrange();
    }

    /**
     * @param data the split to iterate over
     * @return a builder with batch size 128, all examples, file order and [0, 1] scaling
     */
    public static Builder builder(FashionMnistData data) {
        return new Builder(data);
    }

    private void arrange() {
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom random = new SplittableRandom(seed + GOLDEN_GAMMA * (pass + 1L));
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    @Override
    public boolean hasNext() {
        return cursor < size;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    /**
     * @param num the largest number of examples wanted, &gt; 0
     * @return the next {@code min(num, remaining)} examples
     * @throws NoSuchElementException if the pass is over
     */
    @Override
    public DataSet next(int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be > 0, was " + num);
        }
        if (!hasNext()) {
            throw new NoSuchElementException("pass over " + size + " examples is complete; call reset()");
        }
        int n = Math.min(num, size - cursor);
        int width = data.pixelsPerImage();
        byte[] pixels = data.pixelBytes();
        byte[] labels = data.labelBytes();
        float[] table = scaling.table();
        float[] features = new float[n * width];
        float[] oneHot = new float[n * FashionMnist.NUM_CLASSES];
        for (int row = 0; row < n; row++) {
            int example = order[cursor + row];
            int from = example * width;
            int to = row * width;
            for (int p = 0; p < width; p++) {
                features[to + p] = table[pixels[from + p] & 0xFF];
            }
            oneHot[row * FashionMnist.NUM_CLASSES + labels[example]] = 1f;
        }
        cursor += n;
        INDArray x = Nd4j.create(features, new long[] {n, width}, 'c');
        INDArray y = Nd4j.create(oneHot, new long[] {n, FashionMnist.NUM_CLASSES}, 'c');
        DataSet batch = new DataSet(x, y);
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    /** Starts the next pass; with shuffling, in the next pass's order. */
    @Override
    public void reset() {
        pass++;
        cursor = 0;
        arrange();
    }

    /** @return the number of passes started before the current one (0 during the first) */
    public int pass() {
        return pass;
    }

    /** @return examples per pass (the limit, or the data's size) */
    public int numExamples() {
        return size;
    }

    /** @return the scaling applied to pixels */
    public PixelScaling scaling() {
        return scaling;
    }

    @Override
    public int inputColumns() {
        return data.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return FashionMnist.NUM_CLASSES;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    /** @return the ten class names, indexed by label */
    @Override
    public List<String> getLabels() {
        return FashionMnist.CLASS_NAMES;
    }

    @Override
    public String toString() {
        return "FashionMnistIterator(examples=" + size + ", batchSize=" + batchSize + ", shuffle="
                + (shuffle ? "seed " + seed : "off") + ", " + scaling + ")";
    }

    /** Configures a {@link FashionMnistIterator}; every setter validates its argument. */
    public static final class Builder {

        private final FashionMnistData data;
        private int batchSize = 128;
        private Integer limit;
        private PixelScaling scaling = PixelScaling.unitRange();
        private boolean shuffle;
        private long seed;

        private Builder(FashionMnistData data) {
            this.data = Objects.requireNonNull(data, "data");
        }

        /**
         * @param batchSize examples per batch, &gt; 0 (default 128)
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be > 0, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param limit use only the first {@code limit} examples in file order, 1 to {@code data.size()}
         * @return this builder
         */
        public Builder limit(int limit) {
            if (limit < 1 || limit > data.size()) {
                throw new IllegalArgumentException("limit must be between 1 and " + data.size()
                        + " (the number of examples), was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /**
         * @param scaling how pixels become inputs (default {@link PixelScaling#unitRange()})
         * @return this builder
         */
        public Builder scaling(PixelScaling scaling) {
            this.scaling = Objects.requireNonNull(scaling, "scaling");
            return this;
        }

        /**
         * Shuffles every pass, in an order determined by {@code seed} and the pass number.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder shuffle(long seed) {
            this.shuffle = true;
            this.seed = seed;
            return this;
        }

        /** @return the iterator, positioned at the start of its first pass */
        public FashionMnistIterator build() {
            return new FashionMnistIterator(this);
        }
    }
}
