package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.examples.data.FashionMnist;
import org.dl4jinit.examples.data.FashionMnistData;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.data.FashionMnistIterator;
import org.dl4jinit.examples.data.PixelScaling;
import org.dl4jinit.init.XavierInit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code check} feeds a model the inputs it was trained on. A 784-64-32-10 sigmoid MLP trained for 100 iterations
 * on pixels in [0, 1] is healthy on such pixels and FAILING on standardized ones (its first layer saturates): the
 * check must use the normalizer stored with the model, or {@code --inputs unit}, and say which it used.
 *
 * <p>Needs the real Fashion-MNIST files ({@code .ci/setup} installs them); skipped without them unless
 * {@code DL4JINIT_REQUIRE_DATA=1}.
 */
class CheckInputScalingOnFashionMnistTest {

    private static final Path DATA = FashionMnistDirectory.DEFAULT_DIRECTORY;

    @TempDir
    static Path tmp;

    private static MultiLayerNetwork trained;

    @BeforeAll
    static void trainOnUnitPixels() throws Exception {
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) {
            Assumptions.assumeTrue(Files.isDirectory(DATA), DATA + " absent: apt-get install dataset-fashion-mnist");
        }
        FashionMnistData train = FashionMnistData.load(DATA, FashionMnist.Split.TRAIN);
        trained = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).updater(new Adam(1e-3))
                .weightInit(new XavierInit()).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.SIGMOID).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(32).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        trained.init();
        DataSetIterator it = FashionMnistIterator.builder(train).batchSize(128).scaling(PixelScaling.unitRange())
                .shuffle(42).build();
        for (int i = 0; i < 100; i++) {
            trained.fit(it.next());
        }
    }

    private static Path save(String name, boolean withNormalizer) throws Exception {
        Path zip = tmp.resolve(name);
        ModelSerializer.writeModel(trained, zip.toFile(), false);
        if (withNormalizer) {
            // the pipeline such a model is trained with: raw pixels 0..255 mapped to [0, 1]
            ModelSerializer.addNormalizerToModel(zip.toFile(), new ImagePreProcessingScaler(0, 1));
        }
        return zip;
    }

    @Test
    void modelWithItsStoredNormalizerIsHealthy() throws Exception {
        Path zip = save("with-normalizer.zip", true);

        Cli r = Cli.run("check", zip.toString(), "--data", DATA.toString());

        assertThat(r.exit).as(r.out + r.err).isZero();
        assertThat(r.out).contains("inputs: pixels in [0, 255] through the model's stored ImagePreProcessingScaler")
                .contains("Verdict: HEALTHY");
    }

    @Test
    void modelWithoutNormalizerIsHealthyWithInputsUnit() throws Exception {
        Path zip = save("plain.zip", false);

        Cli r = Cli.run("check", zip.toString(), "--data", DATA.toString(), "--inputs", "unit");

        assertThat(r.exit).as(r.out + r.err).isZero();
        assertThat(r.out).contains("inputs: pixels b/255 in [0, 1] (--inputs unit)").contains("Verdict: HEALTHY");
    }

    @Test
    void withoutNormalizerOrOptionTheStandardizedDefaultIsNamedWithTheWayOut() throws Exception {
        Path zip = save("default.zip", false);

        Cli r = Cli.run("check", zip.toString(), "--data", DATA.toString());

        assertThat(r.out).contains("inputs: standardized pixels (b/255 - 0.2860) / 0.3530, the training split's mean "
                + "and std (no normalizer stored with the model; --inputs unit or raw for a model trained on [0, 1] "
                + "or [0, 255] pixels)");
        assertThat(r.exit).as("a [0, 1] model on standardized inputs saturates").isEqualTo(Dl4jInitCli.EXIT_UNHEALTHY);
    }
}
