package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@code check}: a pre-flight report for configuration JSON and model zips; exit code 3 when a condition fails. */
class CheckCommandTest {

    @TempDir
    Path tmp;

    private static MultiLayerConfiguration mlp(IWeightInit init, int nIn, int depth) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).weightInit(init).list();
        for (int i = 0; i < depth; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? nIn : 32).nOut(32).activation(Activation.RELU).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(5)
                .activation(Activation.SOFTMAX).build());
        return b.build();
    }

    @Test
    void zeroInitConfigurationFailsConditionTwoWithExitCodeThree() throws Exception {
        Path json = tmp.resolve("zero.json");
        Files.writeString(json, mlp(new ZeroInit(), 20, 4).toJson());

        Cli r = Cli.run("check", json.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_UNHEALTHY);
        assertThat(r.out).contains("MultiLayerNetwork").contains("a synthetic batch: 128 N(0,1) inputs of shape "
                + "[128, 20], random one-hot labels of 5 classes").contains("condition 2").contains("Verdict: FAILING");
    }

    @Test
    void heInitModelZipIsHealthyWithExitCodeZero() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(mlp(new HeInit(), 20, 4));
        net.init();
        Path zip = tmp.resolve("he.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);

        Cli r = Cli.run("check", zip.toString(), "--batch", "64");

        assertThat(r.exit).isZero();
        assertThat(r.out).contains("[64, 20]").doesNotContain("Verdict: FAILING");
        // each row names its layer once: "0 DenseLayer", not "0 0 DenseLayer"
        assertThat(r.out.lines().filter(l -> l.matches("^\\d.*Layer .*")).map(l -> l.split(" +")[0] + " "
                + l.split(" +")[1])).containsExactly("0 DenseLayer", "1 DenseLayer", "2 DenseLayer", "3 DenseLayer",
                        "4 OutputLayer");
    }

    @Test
    void computationGraphConfigurationIsChecked() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(new ZeroInit())
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        Path json = tmp.resolve("graph.json");
        Files.writeString(json, conf.toJson());

        Cli r = Cli.run("check", json.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_UNHEALTHY);
        assertThat(r.out).contains("ComputationGraph").contains("[128, 12]");
    }

    @Test
    void convolutionFedFlatTakesTheFlatInputSize() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(new HeInit()).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1)).build();
        Path json = tmp.resolve("cnn.json");
        Files.writeString(json, conf.toJson());

        Cli r = Cli.run("check", json.toString(), "--synthetic");

        assertThat(r.out).contains("[128, 64]");
        assertThat(r.exit).as(r.out).isZero();
    }

    @Test
    void staticPredictsFromTheConfigurationWithoutRunningIt() throws Exception {
        Path json = tmp.resolve("zero.json");
        Files.writeString(json, mlp(new ZeroInit(), 20, 4).toJson());
        MultiLayerNetwork net = new MultiLayerNetwork(mlp(new HeInit(), 20, 4));
        net.init();
        Path zip = tmp.resolve("he.zip");
        ModelSerializer.writeModel(net, zip.toFile(), false);

        Cli zero = Cli.run("check", json.toString(), "--static");
        Cli he = Cli.run("check", zip.toString(), "--static", "--batch", "64");

        assertThat(zero.exit).as(zero.out).isEqualTo(Dl4jInitCli.EXIT_UNHEALTHY);
        assertThat(zero.out).contains("MultiLayerConfiguration, predicted from the configuration alone")
                .contains("Signal propagation").contains("Predicted verdict: FAILING")
                .doesNotContain("synthetic batch");
        assertThat(he.exit).as(he.out).isZero();
        assertThat(he.out).contains("predicted from the configuration alone").doesNotContain("FAILING");
    }

    @Test
    void staticOnAGraphConfiguration() throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(new HeInit())
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(12).nOut(16).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        Path json = tmp.resolve("graph.json");
        Files.writeString(json, conf.toJson());

        Cli r = Cli.run("check", json.toString(), "--static");

        assertThat(r.out).contains("ComputationGraphConfiguration").contains("hidden");
        assertThat(r.exit).as(r.out).isZero();
    }

    /** {@code check FILE} or, when {@code staticOnly}, {@code check --static FILE}: bad input is answered alike. */
    private static Cli check(boolean staticOnly, String... args) {
        String[] all = new String[args.length + (staticOnly ? 2 : 1)];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        if (staticOnly) {
            all[all.length - 1] = "--static";
        }
        return Cli.run(all);
    }

    @ParameterizedTest(name = "static {0}")
    @ValueSource(booleans = {false, true})
    void notAModelIsOneLine(boolean staticOnly) throws Exception {
        Path junk = tmp.resolve("junk.json");
        Files.writeString(junk, "{\"hello\": 1}");

        Cli r = check(staticOnly, junk.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.out).isEmpty();
        assertThat(r.err).isEqualTo("error: check: " + junk + " is JSON but neither a MultiLayerConfiguration "
                + "(\"confs\") nor a ComputationGraphConfiguration (\"vertices\")" + System.lineSeparator());
    }

    @ParameterizedTest(name = "static {0}")
    @ValueSource(booleans = {false, true})
    void neitherJsonNorZipIsOneLine(boolean staticOnly) throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "weights: he\n");

        Cli r = check(staticOnly, text.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.errLines()).as(r.err).isEqualTo(1);
        assertThat(r.err).startsWith("error: check: " + text + " is neither a model zip nor JSON: ");
    }

    @ParameterizedTest(name = "static {0}")
    @ValueSource(booleans = {false, true})
    void zipWithoutConfigurationIsOneLine(boolean staticOnly) throws Exception {
        Path zip = tmp.resolve("other.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("not a model".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        Cli r = check(staticOnly, zip.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.err).isEqualTo("error: check: " + zip + " is a zip without configuration.json: not a model "
                + "saved by DL4J's ModelSerializer" + System.lineSeparator());
    }

    @ParameterizedTest(name = "static {0}")
    @ValueSource(booleans = {false, true})
    void brokenConfigurationIsOneLine(boolean staticOnly) throws Exception {
        Path json = tmp.resolve("broken.json");
        Files.writeString(json, "{\"confs\": 5}");

        Cli r = check(staticOnly, json.toString());

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.errLines()).as(r.err).isEqualTo(1);
        assertThat(r.err).startsWith("error: check: cannot read " + json + " as a DL4J model or configuration: ");
    }

    @Test
    void unknownInputScalingIsAUsageErrorListingTheChoices() {
        Cli r = Cli.run("check", tmp.toString(), "--inputs", "pixels");

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.errLines()).isEqualTo(1);
        assertThat(r.err).contains("unknown input scaling 'pixels': expected one of standardized, unit, raw");
    }

    @Test
    void staticReadsTheFileWithTheChecksLimits() throws Exception {
        Path blob = tmp.resolve("blob.bin");
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.setLength(3L << 30);
        }

        Cli r = Cli.run("check", blob.toString(), "--static");

        assertThat(r.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.err).isEqualTo("error: check: " + blob + " is 3.0 GiB and not a zip: no model file is that (a "
                + "configuration JSON is at most 64 MiB; a ModelSerializer zip starts with \"PK\")"
                + System.lineSeparator());
    }

    @Test
    void staticWithOptionsChoosingTheBatchIsAUsageError() throws Exception {
        Path json = tmp.resolve("he.json");
        Files.writeString(json, mlp(new HeInit(), 20, 2).toJson());

        Cli inputs = Cli.run("check", json.toString(), "--static", "--inputs", "unit");
        Cli synthetic = Cli.run("check", json.toString(), "--static", "--synthetic");

        assertThat(inputs.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(inputs.err).startsWith("error: --static predicts for standardized inputs from the configuration "
                + "alone: --inputs chooses the checked batch and does not apply to it");
        assertThat(synthetic.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(synthetic.err).contains("--synthetic chooses the checked batch");
    }

    @ParameterizedTest(name = "static {0}")
    @ValueSource(booleans = {false, true})
    void missingFileAndBadBatchAreOneLine(boolean staticOnly) {
        Cli missing = check(staticOnly, tmp.resolve("none.zip").toString());
        assertThat(missing.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(missing.err).isEqualTo("error: check: " + tmp.resolve("none.zip") + " is not a file"
                + System.lineSeparator());

        Cli batch = check(staticOnly, tmp.toString(), "--batch", "0");
        assertThat(batch.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(batch.err).startsWith("error: --batch must be >= 1 examples, was 0");
    }
}
