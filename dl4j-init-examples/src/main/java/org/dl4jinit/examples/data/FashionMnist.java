package org.dl4jinit.examples.data;

import java.util.List;

/**
 * Constants of the Fashion-MNIST data set (Xiao, Rasul &amp; Vollgraf, "Fashion-MNIST: a Novel Image Dataset for
 * Benchmarking Machine Learning Algorithms", arXiv:1708.07747, 2017): the ten class names in label order and
 * the four gzip IDX file names of the two splits.
 */
public final class FashionMnist {

    /** Number of classes; labels are 0 to 9. */
    public static final int NUM_CLASSES = 10;

    /** Image height and width of the published files: 28 pixels. */
    public static final int IMAGE_SIZE = 28;

    /** Class names indexed by label, as published with the data set. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The two splits and their file names. */
    public enum Split {
        /** 60,000 training examples, 6,000 per class. */
        TRAIN("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        /** 10,000 test examples, 1,000 per class. */
        TEST("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

        private final String imagesFile;
        private final String labelsFile;

        Split(String imagesFile, String labelsFile) {
            this.imagesFile = imagesFile;
            this.labelsFile = labelsFile;
        }

        /** @return the file name of this split's images, e.g. {@code train-images-idx3-ubyte.gz} */
        public String imagesFile() {
            return imagesFile;
        }

        /** @return the file name of this split's labels, e.g. {@code train-labels-idx1-ubyte.gz} */
        public String labelsFile() {
            return labelsFile;
        }
    }

    /** The four file names in the order train images, train labels, test images, test labels. */
    public static final List<String> FILE_NAMES = List.of(Split.TRAIN.imagesFile(), Split.TRAIN.labelsFile(),
            Split.TEST.imagesFile(), Split.TEST.labelsFile());

    private FashionMnist() {
    }
}
