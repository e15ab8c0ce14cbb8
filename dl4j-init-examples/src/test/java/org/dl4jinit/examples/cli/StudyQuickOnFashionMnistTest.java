package org.dl4jinit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dl4jinit.examples.data.FashionMnistDirectory;
import org.dl4jinit.examples.study.StudyReport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The main job end to end: {@code study --quick} on the real Fashion-MNIST files (the Debian package that
 * {@code .ci/run} installs). Without the files the test is skipped, unless {@code DL4JINIT_REQUIRE_DATA=1} (set by
 * {@code .ci/run}) makes their absence a failure.
 */
class StudyQuickOnFashionMnistTest {

    @TempDir
    Path tmp;

    @Test
    void quickStudyWritesTheReportAndZeroInitFailsConditionTwo() throws Exception {
        Path data = FashionMnistDirectory.DEFAULT_DIRECTORY;
        if (!"1".equals(System.getenv("DL4JINIT_REQUIRE_DATA"))) {
            Assumptions.assumeTrue(Files.isDirectory(data), data + " absent: apt-get install dataset-fashion-mnist");
        }
        Path out = tmp.resolve("report");

        Cli r = Cli.run("study", "--quick", "--data", data.toString(), "--out", out.toString());

        assertThat(r.exit).as(r.err).isZero();
        assertThat(r.err).contains("[1/11] relu-30x256/zero: 100/100 iterations")       // progress, on stderr
                .contains("[11/11] sigmoid-4x1000/xavier done in");
        assertThat(r.out).contains("Report: " + out.resolve(StudyReport.INDEX).toAbsolutePath())
                .contains("zero init and N(0,1)·0.001 fail condition 2");
        for (String f : List.of(StudyReport.INDEX, StudyReport.CSV, StudyReport.JSON, StudyReport.TEXT)) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        for (String net : List.of("relu-30x256", "tanh-10x256", "sigmoid-4x1000")) {
            for (String plot : List.of("-loss.png", "-activation-std-depth.png", "-saturated-depth.png",
                    "-gradient-norm-depth.png", "-activation-std-predicted.png", "-gradient-norm-predicted.png")) {
                BufferedImage img = ImageIO.read(out.resolve(net + plot).toFile());
                assertThat(img).as(net + plot).isNotNull();
                assertThat(img.getWidth()).isEqualTo(960);
                assertThat(Files.readString(out.resolve(StudyReport.INDEX))).contains("src=\"" + net + plot + "\"");
            }
        }
        assertThat(out.resolve("sigmoid-4x1000-standard-mean-activation.png")).isNotEmptyFile();

        JsonNode study = new ObjectMapper().readTree(out.resolve(StudyReport.JSON).toFile());
        JsonNode zero = null;
        for (JsonNode cell : study.get("cells")) {
            if (cell.get("id").asText().equals("relu-30x256/zero")) {
                zero = cell;
            }
        }
        assertThat(zero).as("relu-30x256/zero cell").isNotNull();
        JsonNode c2 = zero.get("health").get("CONDITION_2_NOT_ZERO");
        assertThat(c2.get("final").asText()).isEqualTo("FAILING");
        assertThat(c2.get("firstFailing").asInt()).isZero();
        assertThat(c2.get("firstReason").asText()).contains("condition 2");
        // predicted before the first forward pass, from the configuration and the first batch's input moments
        assertThat(zero.get("predicted").get("verdicts").get("CONDITION_2_NOT_ZERO").asText()).isEqualTo("FAILING");
        assertThat(zero.get("predicted").get("activationStd")).hasSize(30);
        assertThat(study.get("findings").get(0).get("finding").asText()).isEqualTo("BAD_INITS_FAIL_CONDITION_2");
        assertThat(study.get("findings").get(0).get("outcome").asText()).isEqualTo("REPRODUCED");
    }
}
