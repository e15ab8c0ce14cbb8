package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.IdentityInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code check} reads a file without trusting its sizes: what no model file is ends in one line on stderr with
 * exit code 1, before anything of the claimed size is read or allocated.
 */
class CheckUntrustedFileTest {

    @TempDir
    Path tmp;

    private static MultiLayerConfiguration mlp(int inputs, int hidden) {
        return new NeuralNetConfiguration.Builder().seed(1).weightInit(new HeInit()).list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .build();
    }

    private static void assertOneLineWithoutStackTrace(Cli r) {
        assertThat(r.exit).as(r.err).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.errLines()).as(r.err).isEqualTo(1);
        assertThat(r.err).startsWith("error: check: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out).isEmpty();
    }

    /**
     * A zip of the given entries: name, then content, either the bytes or a {@code Long} count of spaces (which
     * deflate to almost nothing: a zip bomb).
     */
    private Path zip(String name, Object... entries) throws IOException {
        Path file = tmp.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) entries[i]));
                Object content = entries[i + 1];
                if (content instanceof byte[]) {
                    zip.write((byte[]) content);
                } else {
                    byte[] block = new byte[1 << 20];
                    Arrays.fill(block, (byte) ' ');
                    for (long left = (Long) content; left > 0; left -= block.length) {
                        zip.write(block, 0, (int) Math.min(block.length, left));
                    }
                }
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void threeGigabyteSparseFileIsRefusedInOneLineWithoutReadingIt() throws Exception {
        Path blob = tmp.resolve("blob.bin");
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.setLength(3L << 30);
        }

        Cli r = Cli.run("check", blob.toString());

        assertOneLineWithoutStackTrace(r);
        assertThat(r.err).isEqualTo("error: check: " + blob + " is 3.0 GiB and not a zip: no model file is that (a "
                + "configuration JSON is at most 64 MiB; a ModelSerializer zip starts with \"PK\")"
                + System.lineSeparator());
    }

    @Test
    void largeFileThatStartsLikeAZipButIsNoneIsOneLine() throws Exception {
        Path blob = tmp.resolve("fake.zip");
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.write("PK".getBytes(StandardCharsets.US_ASCII));
            f.setLength(3L << 30);
        }

        Cli r = Cli.run("check", blob.toString());

        assertOneLineWithoutStackTrace(r);
        assertThat(r.err).startsWith("error: check: " + blob + " starts like a zip but is not a readable one: ");
    }

    @Test
    void zipBombInTheParametersIsRefusedAtTheSizeTheConfigurationImplies() throws Exception {
        // 20·8 + 8 + 8·5 + 5 = 213 parameters, 852 bytes of FLOAT; the bomb inflates to 16 MiB
        Path bomb = zip("bomb.zip", ModelSerializer.CONFIGURATION_JSON, mlp(20, 8).toJson().getBytes(StandardCharsets.UTF_8),
                ModelSerializer.COEFFICIENTS_BIN, 16L << 20);

        Cli r = Cli.run("check", bomb.toString());

        assertOneLineWithoutStackTrace(r);
        assertThat(r.err).isEqualTo("error: check: " + bomb + ": coefficients.bin decompresses to more than 66,388 "
                + "bytes, but the configuration's parameters take 852 bytes: not a model file (a zip bomb?)"
                + System.lineSeparator());
    }

    @Test
    void zipBombInTheConfigurationIsRefusedAtSixtyFourMebibytes() throws Exception {
        Path bomb = zip("bomb.zip", ModelSerializer.CONFIGURATION_JSON, 65L << 20);

        Cli r = Cli.run("check", bomb.toString());

        assertOneLineWithoutStackTrace(r);
        assertThat(r.err).isEqualTo("error: check: " + bomb + ": configuration.json decompresses to more than 64.0 "
                + "MiB, but a configuration is at most 64 MiB: not a model file (a zip bomb?)"
                + System.lineSeparator());
    }

    @Test
    void configurationWithAHundredMillionUnitsIsRefusedBeforeAllocatingNamingTheLayer() throws Exception {
        Path json = tmp.resolve("huge.json");
        Files.writeString(json, mlp(784, 100_000_000).toJson());

        Cli r = Cli.run("check", json.toString());

        assertOneLineWithoutStackTrace(r);
        // 784·1e8 + 1e8 + 1e8·5 + 5 parameters: 316 GB of FLOAT before a single activation
        assertThat(r.err).startsWith("error: check: " + json + " needs about ").contains(" of FLOAT memory for one "
                + "batch of 128 (79,000,000,005 parameters; the largest, layer 0 (\"layer0\", DenseLayer), has "
                + "78,500,000,000), but this JVM can allocate ");
    }

    @Test
    void modelZipWhoseConfigurationNeedsMoreMemoryThanThereIsIsRefusedBeforeRestoring() throws Exception {
        Path zip = zip("huge.zip", ModelSerializer.CONFIGURATION_JSON,
                mlp(784, 100_000_000).toJson().getBytes(StandardCharsets.UTF_8),
                ModelSerializer.COEFFICIENTS_BIN, new byte[16]);

        Cli r = Cli.run("check", zip.toString());

        assertOneLineWithoutStackTrace(r);
        assertThat(r.err).startsWith("error: check: " + zip + " needs about ");
    }

    @Test
    void aSavedModelStillLoadsAfterItsEntriesAreMeasured() throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(mlp(20, 32));
        net.init();
        Path zip = tmp.resolve("ok.zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);

        Cli r = Cli.run("check", zip.toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.out).contains(zip + ": MultiLayerNetwork, 837 parameters");
    }

    @Test
    void initializerErrorInAConfigurationNamesTheLayer() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().name("hidden").nIn(20).nOut(16).weightInit(new IdentityInit())
                        .build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(5)
                        .activation(Activation.SOFTMAX).build())
                .build();
        Path json = tmp.resolve("identity.json");
        Files.writeString(json, conf.toJson());

        Cli r = Cli.run("check", json.toString());

        assertOneLineWithoutStackTrace(r);
        assertThat(r.err).contains("layer 0 (\"hidden\"): shape must be square of rank 2 [n, n] for an identity "
                + "weight, was [20, 16]");
    }

    @Test
    void emptyFileIsOneLine() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.json"));

        Cli r = Cli.run("check", empty.toString());

        assertOneLineWithoutStackTrace(r);
    }
}
