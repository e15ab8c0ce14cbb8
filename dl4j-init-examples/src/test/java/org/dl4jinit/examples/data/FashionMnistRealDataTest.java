package org.dl4jinit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The published files, where the Debian package {@code dataset-fashion-mnist} installed them. */
class FashionMnistRealDataTest {

    private static final Path DIR = FashionMnistDirectory.DEFAULT_DIRECTORY;

    @Test
    void realFilesHaveThePublishedCountsShapesAndBalancedLabels() throws Exception {
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) { // .ci/run sets it: there absence is a failure
            Assumptions.assumeTrue(Files.isDirectory(DIR),
                    DIR + " absent: sudo apt-get install dataset-fashion-mnist to run this test");
        }
        new FashionMnistDirectory(name -> null, DIR).resolve(Optional.empty());

        FashionMnistData train = FashionMnistData.load(DIR, FashionMnist.Split.TRAIN);
        FashionMnistData test = FashionMnistData.load(DIR, FashionMnist.Split.TEST);

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(test.size()).isEqualTo(10_000);
        for (FashionMnistData split : new FashionMnistData[] {train, test}) {
            assertThat(split.rows()).isEqualTo(28);
            assertThat(split.columns()).isEqualTo(28);
        }
        int[] trainCounts = new int[10];
        Arrays.fill(trainCounts, 6000);
        int[] testCounts = new int[10];
        Arrays.fill(testCounts, 1000);
        assertThat(train.labelCounts()).containsExactly(trainCounts);
        assertThat(test.labelCounts()).containsExactly(testCounts);

        long[] histogram = train.pixelHistogram();
        assertThat(histogram[0]).isPositive();
        assertThat(histogram[255]).isPositive();
        PixelScaling standardized = PixelScaling.standardize(train);
        assertThat(standardized.mean()).isCloseTo(0.2860, within(1e-3));
        assertThat(standardized.std()).isCloseTo(0.3530, within(1e-3));

        FashionMnistIterator it = FashionMnistIterator.builder(train).batchSize(128).shuffle(1).build();
        assertThat(it.inputColumns()).isEqualTo(784);
        INDArray x = it.next().getFeatures();
        assertThat(x.shape()).containsExactly(128, 784);
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }
}
