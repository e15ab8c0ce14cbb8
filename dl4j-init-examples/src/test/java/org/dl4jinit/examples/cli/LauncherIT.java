package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The distribution's {@code bin/dl4j-init}, as {@code mvn package} assembled it, run as a process: its JVM flags,
 * classpath and exit codes are what a user gets. Runs at {@code mvn verify} (failsafe), which passes the script's
 * path and the versions the build was made with.
 */
class LauncherIT {

    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    static Path tmp;

    private static Path launcher;

    @BeforeAll
    static void launcher() {
        String path = System.getProperty("dl4jinit.launcher");
        assertThat(path).as("system property dl4jinit.launcher (set by the failsafe configuration)").isNotNull();
        launcher = Path.of(path);
        assertThat(launcher).as("the distribution's launcher, assembled at package").isExecutable();
    }

    /** What a run of the launcher printed, and its exit code. */
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_OPTS");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end within " + TIMEOUT_SECONDS + " s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path savedModel(String name, IWeightInit init) throws IOException {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1).weightInit(init).list();
        for (int i = 0; i < 4; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? 20 : 32).nOut(32).activation(Activation.RELU).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(5)
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        Path zip = tmp.resolve(name);
        ModelSerializer.writeModel(net, zip.toFile(), false);
        return zip;
    }

    @Test
    void versionNamesThisBuildAndTheDl4jAndNd4jOnItsClasspath() throws Exception {
        Run r = run("--version");

        assertThat(r.exit).as(r.err).isZero();
        String dl4j = System.getProperty("dl4jinit.dl4j.version");
        assertThat(r.out.lines().toList()).startsWith("dl4j-init " + System.getProperty("dl4jinit.version"),
                "Deeplearning4j " + dl4j + ", ND4J " + dl4j + " (nd4j-native, "
                        + System.getProperty("dl4jinit.nd4j.platform") + ")");
        assertThat(r.err).isEmpty();
    }

    @Test
    void helpListsTheFourSubcommandsAndTheExitCodes() throws Exception {
        Run r = run("--help");

        assertThat(r.exit).isZero();
        assertThat(r.out).contains("Usage: dl4j-init").containsPattern("(?m)^  study ").containsPattern("(?m)^  sweep ")
                .containsPattern("(?m)^  ui ").containsPattern("(?m)^  check ").contains("Exit codes:");
    }

    @Test
    void checkOfAHealthySavedModelExitsZeroWithItsReport() throws Exception {
        Path zip = savedModel("he.zip", new HeInit());

        Run r = run("check", zip.toString(), "--batch", "64");

        assertThat(r.exit).as(r.out + r.err).isZero();
        // 20·32 + 32, three times 32·32 + 32, 32·5 + 5
        assertThat(r.out).contains(zip + ": MultiLayerNetwork, 4005 parameters")
                .contains("a synthetic batch: 64 N(0,1) inputs of shape [64, 20]")
                .containsPattern("(?m)^Verdict: (HEALTHY|WARNING)$");
    }

    @Test
    void checkOfAZeroInitSavedModelExitsThreeNamingConditionTwo() throws Exception {
        Path zip = savedModel("zero.zip", new ZeroInit());

        Run r = run("check", zip.toString());

        assertThat(r.exit).as(r.out + r.err).isEqualTo(Dl4jInitCli.EXIT_UNHEALTHY);
        assertThat(r.out).contains("condition 2").containsPattern("(?m)^Verdict: FAILING$");
    }

    @Test
    void checkOfAThreeGigabyteFileExitsOneWithOneLineAndNoStackTrace() throws Exception {
        Path blob = tmp.resolve("blob.bin");
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.setLength(3L << 30);
        }

        Run r = run("check", blob.toString());

        assertThat(r.exit).as(r.err).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(r.err.lines().toList()).hasSize(1).first().asString()
                .startsWith("error: check: " + blob + " is 3.0 GiB and not a zip: no model file is that");
        assertThat(r.out).isEmpty();
    }

    @Test
    void studyWithOutNamingAnExistingFileExitsTwoBeforeAnyWork() throws Exception {
        Path file = Files.writeString(tmp.resolve("existing.txt"), "keep me");

        Run r = run("study", "--out", file.toString());

        assertThat(r.exit).as(r.err).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(r.err).isEqualTo("error: --out " + file + " is a file, not a folder (see 'dl4j-init study "
                + "--help')" + System.lineSeparator());
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aMissingFileExitsOneAndBadUsageTwoWithOneLineOnStderr() throws Exception {
        Path none = tmp.resolve("none.zip");

        Run missing = run("check", none.toString());
        Run usage = run("check", none.toString(), "--batch", "0");

        assertThat(missing.exit).isEqualTo(Dl4jInitCli.EXIT_FAILED);
        assertThat(missing.err).isEqualTo("error: check: " + none + " is not a file" + System.lineSeparator());
        assertThat(usage.exit).isEqualTo(Dl4jInitCli.EXIT_USAGE);
        assertThat(usage.err.lines().toList()).hasSize(1).first().asString()
                .startsWith("error: --batch must be >= 1 examples, was 0");
    }
}
