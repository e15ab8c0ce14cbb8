package org.dl4jinit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.init.HeInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;

class FashionMnistMlpTest {

    @TempDir
    Path dir;

    @Test
    void trainingRoutineLearnsFarAboveChanceOnSyntheticData() {
        FashionMnistIterator train = FashionMnistIterator.builder(SyntheticFashionMnist.of(3000, 1)).batchSize(64)
                .shuffle(3).build();
        FashionMnistIterator test = FashionMnistIterator.builder(SyntheticFashionMnist.of(1000, 2)).batchSize(250)
                .build();

        Evaluation evaluation = FashionMnistMlp.trainAndEvaluate(train, test, 1, 12345);

        assertThat(evaluation.getNumRowCounter()).isEqualTo(1000);
        assertThat(evaluation.accuracy()).as("accuracy, chance is 0.1").isGreaterThan(0.6);
    }

    @Test
    void configurationIsTheDocumentedMlpWithHeInitEverywhere() {
        MultiLayerConfiguration conf = FashionMnistMlp.configuration(784, 10, 42);

        assertThat(conf.getConfs()).hasSize(3);
        long[] widths = conf.getConfs().stream()
                .mapToLong(c -> ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) c.getLayer()).getNOut())
                .toArray();
        assertThat(widths).containsExactly(256, 128, 10);
        conf.getConfs().forEach(c -> assertThat(((BaseLayer) c.getLayer()).getWeightInitFn()).isEqualTo(new HeInit()));
    }

    @Test
    void missingDataPrintsOneLineAndExitsWithTwo() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path absent = dir.resolve("absent");
        FashionMnistDirectory directories = new FashionMnistDirectory(Map.<String, String>of()::get, absent);

        int code = FashionMnistMlp.run(print(out), print(err), directories);

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("FashionMnistMlp: Fashion-MNIST not found: " + absent
                + " (from the default directory) is not a directory. Install it with 'sudo apt-get install"
                + " dataset-fashion-mnist' (files in /usr/share/datasets/fashion-mnist), or pass --data DIR or set"
                + " FASHION_MNIST_DIR=DIR to a directory holding train-images-idx3-ubyte.gz,"
                + " train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz."
                + System.lineSeparator());
    }

    @Test
    void corruptDataPrintsOneLineAndExitsWithTwo() throws Exception {
        for (String name : org.dl4jinit.examples.data.FashionMnist.FILE_NAMES) {
            Files.write(dir.resolve(name), new byte[] {1, 2, 3});
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        FashionMnistDirectory directories = new FashionMnistDirectory(Map.of(FashionMnistDirectory.ENV_VAR,
                dir.toString())::get, dir.resolve("x"));

        int code = FashionMnistMlp.run(print(new ByteArrayOutputStream()), print(err), directories);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("FashionMnistMlp: "
                + dir.resolve("train-images-idx3-ubyte.gz") + ": truncated or corrupt gzip data (Not in GZIP format)"
                + System.lineSeparator());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
