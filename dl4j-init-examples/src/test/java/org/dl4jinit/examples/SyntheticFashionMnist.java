package org.dl4jinit.examples;

import java.util.SplittableRandom;
import org.dl4jinit.examples.data.FashionMnistData;

/** Fashion-MNIST-shaped data for tests that must not need the real files. */
final class SyntheticFashionMnist {

    private SyntheticFashionMnist() {
    }

    /**
     * Synthetic 28×28 "clothes": class c lights rows 2c..2c+3 with noisy bright pixels over a noisy dark
     * background, so the classes overlap a little and a linear readout of the band must be learned.
     *
     * @param n    images
     * @param seed labels and pixels
     * @return the data set
     */
    static FashionMnistData of(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(10);
            labels[i] = (byte) label;
            for (int r = 0; r < 28; r++) {
                boolean band = r >= 2 * label && r < 2 * label + 4;
                for (int c = 0; c < 28; c++) {
                    int value = band ? 90 + random.nextInt(166) : random.nextInt(140);
                    pixels[i * 784 + r * 28 + c] = (byte) value;
                }
            }
        }
        return FashionMnistData.of(28, 28, pixels, labels);
    }
}
