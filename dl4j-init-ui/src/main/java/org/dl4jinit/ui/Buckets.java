package org.dl4jinit.ui;

import java.util.Arrays;

/**
 * A fixed-size, incrementally maintained downsampling of {@code width} parallel series over iterations: at most
 * {@code capacity} buckets, each covering {@code stride} consecutive records and holding, per series, the minimum,
 * the maximum, the sum and the count of the finite values that fell into it, and the number of non-finite
 * (infinite) values.
 *
 * <p>Two kinds of missing value are told apart: NaN means "not measured" (an output layer's saturation, a layer
 * without weights) and is skipped; an infinite value means the measurement diverged (NaN/Inf in the activations or
 * gradients; {@link Series} passes those as {@code +Inf}) and is counted per bucket in {@code nonFinite}, so
 * divergence stays visible after downsampling. Neither enters the minimum, maximum or mean.
 *
 * <p>Appending a record adds it to the last bucket, or opens a new one when the last is full. When all
 * {@code capacity} buckets are full, neighbouring pairs are merged (min of the mins, max of the maxes, sums and
 * counts added) and the stride doubles — the same scheme as a min/max pyramid that only keeps its coarsest level
 * that fits. Appending costs {@code O(width)} amortized (each record takes part in {@code log2(N / capacity)}
 * merges at most, and each merge halves the number of buckets), memory is {@code O(capacity · width)} whatever
 * the number of records N, and reading the buckets costs {@code O(capacity · width)}: no request does {@code O(N)}
 * work. Minima and maxima over a bucket are exact, so a short spike (one saturated iteration among thousands) stays
 * visible in the min/max envelope.
 *
 * <p>Not thread-safe: {@link Series} guards it.
 */
final class Buckets {

    private final int capacity;
    private final int width;
    private int stride = 1;
    private int size;
    private final int[] firstIteration;
    private final int[] lastIteration;
    private final int[] records;
    private final float[] min;
    private final float[] max;
    private final float[] sum;
    private final int[] count;
    private final int[] nonFinite;

    /**
     * @param capacity the maximum number of buckets, even and at least 2
     * @param width    the number of parallel series, at least 1
     */
    Buckets(int capacity, int width) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and >= 2, was " + capacity);
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be >= 1, was " + width);
        }
        this.capacity = capacity;
        this.width = width;
        this.firstIteration = new int[capacity];
        this.lastIteration = new int[capacity];
        this.records = new int[capacity];
        this.min = new float[capacity * width];
        this.max = new float[capacity * width];
        this.sum = new float[capacity * width];
        this.count = new int[capacity * width];
        this.nonFinite = new int[capacity * width];
    }

    /**
     * Adds one record.
     *
     * @param iteration the record's iteration
     * @param values    {@code width} values; NaN (not measured) is skipped, an infinite value is counted as
     *                  non-finite; neither enters min, max or mean
     */
    void append(int iteration, float[] values) {
        if (size == 0 || records[size - 1] == stride) {
            if (size == capacity) {
                halve();
            }
            open(size++, iteration);
        }
        int b = size - 1;
        lastIteration[b] = iteration;
        records[b]++;
        int o = b * width;
        for (int s = 0; s < width; s++) {
            float v = values[s];
            if (Float.isFinite(v)) {
                if (count[o + s] == 0) {
                    min[o + s] = v;
                    max[o + s] = v;
                } else {
                    min[o + s] = Math.min(min[o + s], v);
                    max[o + s] = Math.max(max[o + s], v);
                }
                sum[o + s] += v;
                count[o + s]++;
            } else if (Float.isInfinite(v)) {
                nonFinite[o + s]++;
            }
        }
    }

    private void open(int b, int iteration) {
        firstIteration[b] = iteration;
        lastIteration[b] = iteration;
        records[b] = 0;
        Arrays.fill(count, b * width, (b + 1) * width, 0);
        Arrays.fill(sum, b * width, (b + 1) * width, 0f);
        Arrays.fill(nonFinite, b * width, (b + 1) * width, 0);
    }

    /** Merges bucket pairs (2k, 2k+1) into k; all buckets are full when this runs. */
    private void halve() {
        int half = capacity / 2;
        for (int k = 0; k < half; k++) {
            int a = 2 * k;
            int c = 2 * k + 1;
            firstIteration[k] = firstIteration[a];
            lastIteration[k] = lastIteration[c];
            records[k] = records[a] + records[c];
            for (int s = 0; s < width; s++) {
                int ia = a * width + s;
                int ic = c * width + s;
                int ik = k * width + s;
                int na = count[ia];
                int nc = count[ic];
                float mn;
                float mx;
                if (na == 0) {
                    mn = min[ic];
                    mx = max[ic];
                } else if (nc == 0) {
                    mn = min[ia];
                    mx = max[ia];
                } else {
                    mn = Math.min(min[ia], min[ic]);
                    mx = Math.max(max[ia], max[ic]);
                }
                min[ik] = mn;
                max[ik] = mx;
                sum[ik] = sum[ia] + sum[ic];
                count[ik] = na + nc;
                nonFinite[ik] = nonFinite[ia] + nonFinite[ic];
            }
        }
        size = half;
        stride *= 2;
    }

    /** @return the number of records each full bucket covers (a power of two) */
    int stride() {
        return stride;
    }

    /** @return the number of buckets in use */
    int size() {
        return size;
    }

    /** @return the number of parallel series */
    int width() {
        return width;
    }

    /**
     * Copies buckets {@code [from, size())} out.
     *
     * @param from the first bucket, 0 ≤ from ≤ size()
     * @return an immutable copy
     */
    View view(int from) {
        int n = size - from;
        float[] mean = new float[n * width];
        float[] mn = new float[n * width];
        float[] mx = new float[n * width];
        int[] nf = Arrays.copyOfRange(nonFinite, from * width, size * width);
        for (int i = 0; i < n * width; i++) {
            int j = from * width + i;
            boolean any = count[j] > 0;
            mean[i] = any ? sum[j] / count[j] : Float.NaN;
            mn[i] = any ? min[j] : Float.NaN;
            mx[i] = any ? max[j] : Float.NaN;
        }
        return new View(stride, from, Arrays.copyOfRange(firstIteration, from, size),
                Arrays.copyOfRange(lastIteration, from, size), Arrays.copyOfRange(records, from, size), width, mean,
                mn, mx, nf);
    }

    /**
     * A copy of some buckets; NaN where a bucket holds no finite value of a series, {@code nonFinite} the number of
     * infinite (diverged) values per bucket and series.
     */
    static final class View {
        final int stride;
        final int from;
        final int[] firstIteration;
        final int[] lastIteration;
        final int[] records;
        final int width;
        final float[] mean;
        final float[] min;
        final float[] max;
        final int[] nonFinite;

        View(int stride, int from, int[] firstIteration, int[] lastIteration, int[] records, int width, float[] mean,
                float[] min, float[] max, int[] nonFinite) {
            this.stride = stride;
            this.from = from;
            this.firstIteration = firstIteration;
            this.lastIteration = lastIteration;
            this.records = records;
            this.width = width;
            this.mean = mean;
            this.min = min;
            this.max = max;
            this.nonFinite = nonFinite;
        }

        /** @return the number of buckets in the view */
        int size() {
            return firstIteration.length;
        }

        float mean(int bucket, int series) {
            return mean[bucket * width + series];
        }

        float min(int bucket, int series) {
            return min[bucket * width + series];
        }

        float max(int bucket, int series) {
            return max[bucket * width + series];
        }

        int nonFinite(int bucket, int series) {
            return nonFinite[bucket * width + series];
        }

        /** @return whether any bucket of the view holds a non-finite value of the series */
        boolean anyNonFinite(int series) {
            for (int b = series; b < nonFinite.length; b += width) {
                if (nonFinite[b] > 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
