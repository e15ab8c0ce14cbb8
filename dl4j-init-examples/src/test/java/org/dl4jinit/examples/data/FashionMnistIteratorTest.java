package org.dl4jinit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class FashionMnistIteratorTest {

    /** Labels of the 7 tiny 3×2 training images written to disk. */
    private static final byte[] LABELS = {3, 0, 9, 3, 7, 1, 5};
    private static final int WIDTH = 6;

    @TempDir
    Path dir;

    private FashionMnistData data;

    @BeforeEach
    void writeAndLoad() throws IOException {
        IdxFixtures.writeDataset(dir, 3, 2, LABELS, new byte[] {2});
        data = FashionMnistData.load(dir, FashionMnist.Split.TRAIN);
    }

    /** Recovers the example indices of a batch from its pixels (the fixture's pattern differs per image). */
    private List<Integer> examplesOf(DataSet batch) {
        List<Integer> examples = new ArrayList<>();
        INDArray x = batch.getFeatures();
        for (int r = 0; r < x.rows(); r++) {
            int first = Math.round(x.getFloat(r, 0) * 255f);
            int found = -1;
            for (int i = 0; i < data.size(); i++) {
                if (IdxFixtures.pixelOf(i, 0) == first) {
                    found = i;
                }
            }
            examples.add(found);
        }
        return examples;
    }

    private List<Integer> onePass(FashionMnistIterator it) {
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            order.addAll(examplesOf(it.next()));
        }
        return order;
    }

    @Test
    void batchesInFileOrderWithSmallerLastBatch() {
        FashionMnistIterator it = FashionMnistIterator.builder(data).batchSize(3).build();

        List<Integer> sizes = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        while (it.hasNext()) {
            DataSet batch = it.next();
            sizes.add(batch.numExamples());
            order.addAll(examplesOf(batch));
        }

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class)
                .hasMessage("pass over 7 examples is complete; call reset()");
    }

    @Test
    void featuresAreFloatRowsScaledToUnitRange() {
        DataSet batch = FashionMnistIterator.builder(data).batchSize(4).build().next();
        INDArray x = batch.getFeatures();

        assertThat(x.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(x.shape()).containsExactly(4, WIDTH);
        for (int i = 0; i < 4; i++) {
            for (int p = 0; p < WIDTH; p++) {
                assertThat(x.getDouble(i, p)).isCloseTo(IdxFixtures.pixelOf(i, p) / 255.0, within(1e-6));
            }
        }
        assertThat(x.minNumber().doubleValue()).isGreaterThanOrEqualTo(0.0);
        assertThat(x.maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void labelsAreOneHot() {
        DataSet batch = FashionMnistIterator.builder(data).batchSize(7).build().next();
        INDArray y = batch.getLabels();

        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(y.shape()).containsExactly(7, 10);
        for (int i = 0; i < 7; i++) {
            for (int c = 0; c < 10; c++) {
                assertThat(y.getDouble(i, c)).as("row %d class %d", i, c).isEqualTo(c == LABELS[i] ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void resetStartsAnotherPass() {
        FashionMnistIterator it = FashionMnistIterator.builder(data).batchSize(2).build();
        List<Integer> first = onePass(it);

        it.reset();

        assertThat(it.pass()).isEqualTo(1);
        assertThat(onePass(it)).isEqualTo(first).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void shuffleIsAPermutationDeterminedBySeedAndPass() {
        FashionMnistIterator a = FashionMnistIterator.builder(data).batchSize(2).shuffle(7).build();
        FashionMnistIterator b = FashionMnistIterator.builder(data).batchSize(3).shuffle(7).build();
        List<List<Integer>> passesA = new ArrayList<>();
        List<List<Integer>> passesB = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            passesA.add(onePass(a));
            passesB.add(onePass(b));
            a.reset();
            b.reset();
        }

        assertThat(passesA).isEqualTo(passesB);
        for (List<Integer> pass : passesA) {
            assertThat(pass).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6);
        }
        assertThat(passesA).doesNotHaveDuplicates();
        FashionMnistIterator other = FashionMnistIterator.builder(data).batchSize(2).shuffle(8).build();
        assertThat(onePass(other)).isNotEqualTo(passesA.get(0));
    }

    @Test
    void limitKeepsTheFirstExamplesInFileOrder() {
        FashionMnistIterator it = FashionMnistIterator.builder(data).batchSize(10).limit(4).shuffle(1).build();

        assertThat(it.numExamples()).isEqualTo(4);
        assertThat(onePass(it)).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void standardizationUsesTrainingMeanAndStd() {
        PixelScaling scaling = PixelScaling.standardize(data);
        double mean = 0;
        for (int i = 0; i < data.size(); i++) {
            for (int p = 0; p < WIDTH; p++) {
                mean += data.pixel(i, p) / 255.0;
            }
        }
        mean /= data.size() * WIDTH;

        assertThat(scaling.mean()).isCloseTo(mean, within(1e-12));
        INDArray x = FashionMnistIterator.builder(data).batchSize(7).scaling(scaling).build().next().getFeatures();
        assertThat(x.meanNumber().doubleValue()).isCloseTo(0.0, within(1e-5));
        assertThat(x.stdNumber().doubleValue()).isCloseTo(1.0, within(0.1));
        assertThat(x.getDouble(1, 2)).isCloseTo((IdxFixtures.pixelOf(1, 2) / 255.0 - scaling.mean()) / scaling.std(),
                within(1e-5));
    }

    @Test
    void describesFashionMnist() {
        FashionMnistIterator it = FashionMnistIterator.builder(data).batchSize(5).build();

        assertThat(it.inputColumns()).isEqualTo(WIDTH);
        assertThat(it.totalOutcomes()).isEqualTo(10);
        assertThat(it.batch()).isEqualTo(5);
        assertThat(it.resetSupported()).isTrue();
        assertThat(it.asyncSupported()).isTrue();
        assertThat(it.getLabels()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
                "Shirt", "Sneaker", "Bag", "Ankle boot");
    }

    @Test
    void nextWithCountAndPreProcessor() {
        FashionMnistIterator it = FashionMnistIterator.builder(data).batchSize(2).build();
        it.setPreProcessor(ds -> ds.getFeatures().muli(0));

        DataSet batch = it.next(5);

        assertThat(batch.numExamples()).isEqualTo(5);
        assertThat(batch.getFeatures().sumNumber().doubleValue()).isZero();
        assertThat(it.next(5).numExamples()).isEqualTo(2);
    }

    @Test
    void builderRejectsBadArguments() {
        FashionMnistIterator.Builder builder = FashionMnistIterator.builder(data);

        assertThatThrownBy(() -> builder.batchSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("batchSize must be > 0, was 0");
        assertThatThrownBy(() -> builder.limit(8)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 7 (the number of examples), was 8");
        assertThatThrownBy(() -> PixelScaling.of(0.5, 0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("std must be finite and > 0, was 0.0");
    }
}
