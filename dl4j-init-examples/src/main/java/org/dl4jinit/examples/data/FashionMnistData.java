package org.dl4jinit.examples.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One decoded split of Fashion-MNIST (or any IDX image/label pair with labels 0 to 9), kept compact: one
 * unsigned byte per pixel (47 MB for the 60,000 training images) and one byte per label. Immutable; batches
 * are built from it by {@link FashionMnistIterator}. Serializable: a search on Spark broadcasts it to the
 * executors inside the sweep's data.
 */
public final class FashionMnistData implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int columns;
    private final byte[] pixels;
    private final byte[] labels;

    private FashionMnistData(int rows, int columns, byte[] pixels, byte[] labels) {
        this.rows = rows;
        this.columns = columns;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Reads and validates one split from a directory holding the files named by {@link FashionMnist.Split}.
     *
     * @param directory the data directory, e.g. from {@link FashionMnistDirectory#resolve}
     * @param split     which split
     * @return the decoded split
     * @throws FashionMnistDataException if a file is missing or invalid (bad magic number, dimensions, truncated),
     *                                   the image and label counts differ, or a label is outside 0 to 9
     */
    public static FashionMnistData load(Path directory, FashionMnist.Split split) throws FashionMnistDataException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(split, "split");
        Path imagesFile = directory.resolve(split.imagesFile());
        Path labelsFile = directory.resolve(split.labelsFile());
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        byte[] labels = IdxReader.readLabels(labelsFile);
        if (labels.length != images.count()) {
            throw new FashionMnistDataException(labelsFile + " has " + labels.length + " labels but " + imagesFile
                    + " has " + images.count() + " images");
        }
        int bad = firstLabelOutOfRange(labels);
        if (bad >= 0) {
            throw new FashionMnistDataException(labelsFile + ": label " + Byte.toUnsignedInt(labels[bad])
                    + " at index " + bad + " is outside 0-" + (FashionMnist.NUM_CLASSES - 1));
        }
        return new FashionMnistData(images.rows(), images.columns(), images.pixels(), labels);
    }

    /**
     * Builds a data set from raw bytes, e.g. synthetic data for tests. The arrays are copied.
     *
     * @param rows    image height, &gt; 0
     * @param columns image width, &gt; 0
     * @param pixels  {@code n·rows·columns} unsigned pixel bytes, row-major, image after image
     * @param labels  {@code n} labels, each 0 to 9
     * @return the data set
     * @throws IllegalArgumentException if a size is not positive, the lengths disagree or a label is out of range
     */
    public static FashionMnistData of(int rows, int columns, byte[] pixels, byte[] labels) {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("rows and columns must be > 0, were " + rows + "x" + columns);
        }
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(labels, "labels");
        if ((long) labels.length * rows * columns != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes do not hold " + labels.length
                    + " images of " + rows + "x" + columns);
        }
        int bad = firstLabelOutOfRange(labels);
        if (bad >= 0) {
            throw new IllegalArgumentException("label " + Byte.toUnsignedInt(labels[bad]) + " at index " + bad
                    + " is outside 0-" + (FashionMnist.NUM_CLASSES - 1));
        }
        return new FashionMnistData(rows, columns, pixels.clone(), labels.clone());
    }

    private static int firstLabelOutOfRange(byte[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= FashionMnist.NUM_CLASSES) {
                return i;
            }
        }
        return -1;
    }

    /** @return the number of examples */
    public int size() {
        return labels.length;
    }

    /** @return image height in pixels */
    public int rows() {
        return rows;
    }

    /** @return image width in pixels */
    public int columns() {
        return columns;
    }

    /** @return pixels per image, {@code rows·columns} (784 for Fashion-MNIST) */
    public int pixelsPerImage() {
        return rows * columns;
    }

    /**
     * @param example index, 0 to {@code size()-1}
     * @return its label, 0 to 9
     */
    public int label(int example) {
        return labels[example];
    }

    /**
     * @param example index, 0 to {@code size()-1}
     * @param pixel   index within the image, row-major, 0 to {@code pixelsPerImage()-1}
     * @return the pixel's intensity, 0 to 255
     */
    public int pixel(int example, int pixel) {
        return Byte.toUnsignedInt(pixels[example * pixelsPerImage() + pixel]);
    }

    /** @return how many examples carry each label, indexed by label */
    public int[] labelCounts() {
        int[] counts = new int[FashionMnist.NUM_CLASSES];
        for (byte label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** @return how many pixels take each intensity 0 to 255, over all images */
    public long[] pixelHistogram() {
        long[] histogram = new long[256];
        for (byte p : pixels) {
            histogram[p & 0xFF]++;
        }
        return histogram;
    }

    /** Package-private access for {@link FashionMnistIterator}; never modified. */
    byte[] pixelBytes() {
        return pixels;
    }

    /** Package-private access for {@link FashionMnistIterator}; never modified. */
    byte[] labelBytes() {
        return labels;
    }

    @Override
    public String toString() {
        return "FashionMnistData(" + size() + " images of " + rows + "x" + columns + ")";
    }
}
