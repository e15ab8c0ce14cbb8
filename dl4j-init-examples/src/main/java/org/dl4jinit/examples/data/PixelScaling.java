package org.dl4jinit.examples.data;

import java.io.Serializable;

/**
 * Maps a pixel intensity {@code b} in 0..255 to a network input {@code (b/255 - mean) / std}.
 *
 * <ul>
 *   <li>{@link #unitRange()} (mean 0, std 1): inputs in [0, 1], the default.</li>
 *   <li>{@link #standardize(FashionMnistData)}: global standardization with one mean and one standard deviation
 *       over all pixels of the given (training) set, so the training inputs have mean 0 and variance 1. Global
 *       rather than per pixel: border pixels of Fashion-MNIST are almost always 0, and a per-pixel std near
 *       zero would blow their rare non-zero values up. Compute it on the training split and pass the same
 *       instance to the test iterator, so no test statistics leak into training.</li>
 * </ul>
 * Applied through a 256-entry lookup table, so building a batch costs one table read per pixel.
 */
public final class PixelScaling implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double mean;
    private final double std;
    private final float[] table;

    private PixelScaling(double mean, double std) {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, was " + mean);
        }
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("std must be finite and > 0, was " + std);
        }
        this.mean = mean;
        this.std = std;
        this.table = new float[256];
        for (int b = 0; b < 256; b++) {
            table[b] = (float) ((b / 255.0 - mean) / std);
        }
    }

    /** @return {@code b / 255}: inputs in [0, 1] */
    public static PixelScaling unitRange() {
        return new PixelScaling(0.0, 1.0);
    }

    /**
     * @param mean mean of {@code b/255}, finite
     * @param std  standard deviation of {@code b/255}, finite and &gt; 0
     * @return {@code (b/255 - mean) / std}
     * @throws IllegalArgumentException if mean or std break the rule
     */
    public static PixelScaling of(double mean, double std) {
        return new PixelScaling(mean, std);
    }

    /**
     * Global standardization with the mean and standard deviation of {@code b/255} over every pixel of
     * {@code train} (for the Fashion-MNIST training split about 0.2860 and 0.3530).
     *
     * @param train the training split
     * @return the scaling, to be used for both training and test iterators
     * @throws IllegalArgumentException if {@code train} is empty or all its pixels are equal
     */
    public static PixelScaling standardize(FashionMnistData train) {
        long[] histogram = train.pixelHistogram();
        long n = 0;
        double sum = 0;
        for (int b = 0; b < 256; b++) {
            n += histogram[b];
            sum += histogram[b] * (b / 255.0);
        }
        if (n == 0) {
            throw new IllegalArgumentException("cannot standardize over an empty data set");
        }
        double mean = sum / n;
        double squares = 0;
        for (int b = 0; b < 256; b++) {
            double d = b / 255.0 - mean;
            squares += histogram[b] * d * d;
        }
        double std = Math.sqrt(squares / n);
        if (!(std > 0)) {
            throw new IllegalArgumentException("cannot standardize: all " + n + " pixels have the same value");
        }
        return new PixelScaling(mean, std);
    }

    /** @return the mean subtracted from {@code b/255} */
    public double mean() {
        return mean;
    }

    /** @return the standard deviation {@code b/255 - mean} is divided by */
    public double std() {
        return std;
    }

    /**
     * @param intensity a pixel intensity, 0 to 255
     * @return the network input for it
     */
    public float apply(int intensity) {
        return table[intensity];
    }

    /** Package-private: the lookup table indexed by intensity; never modified. */
    float[] table() {
        return table;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PixelScaling)) {
            return false;
        }
        PixelScaling that = (PixelScaling) o;
        return Double.compare(mean, that.mean) == 0 && Double.compare(std, that.std) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(mean) + Double.hashCode(std);
    }

    @Override
    public String toString() {
        return "PixelScaling(mean=" + mean + ", std=" + std + ")";
    }
}
