package org.dl4jinit.examples.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dl4jinit.health.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

class StudyReportTest {

    @Test
    void htmlEscapesEveryMarkupCharacter() {
        assertThat(StudyReport.esc("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    }

    @Test
    void valuesCannotInjectTemplatePlaceholders() {
        StudyResult r = new StudyResult(StudyPlan.defaults(), List.of(),
                List.of(new FindingCheck(PublishedFinding.HE_TRAINS_DEEP_RELU, FindingCheck.Outcome.NOT_RUN,
                        "layer {{cells}}")), 1);

        assertThat(StudyReport.html(r, Map.of())).contains("layer &#123;&#123;cells}}").doesNotContain("{{");
    }

    @Test
    void movingMeanAveragesTheTrailingWindow() {
        assertThat(StudyPlots.movingMean(new double[] {1, 2, 3, 4, 5}, 2)).containsExactly(1, 1.5, 2.5, 3.5, 4.5);
        assertThat(StudyPlots.movingMean(new double[] {1, 2, 3}, 1)).containsExactly(1, 2, 3);
    }

    @Test
    void findingEvidenceIsEscapedInTheHtml() {
        StudyResult r = new StudyResult(StudyPlan.defaults(), List.of(),
                List.of(new FindingCheck(PublishedFinding.HE_TRAINS_DEEP_RELU, FindingCheck.Outcome.NOT_RUN,
                        "<i>he</i> missing")), 1);

        assertThat(StudyReport.html(r, Map.of())).contains("&lt;i&gt;he&lt;/i&gt; missing").doesNotContain("<i>");
    }

    @Test
    void predictedAndMeasuredIterationZeroAreDrawnAndWritten(@TempDir Path dir) throws Exception {
        CellResult xavier = Results.predicted(Activation.TANH, 3, StudyInit.XAVIER);
        CellResult lsuv = Results.cell(Activation.TANH, 3, StudyInit.LSUV, 2.3, 1.0, Verdict.HEALTHY, -1);
        StudyPlan plan = new StudyPlan(List.of(new Experiment(xavier.cell().architecture(),
                List.of(StudyInit.XAVIER, StudyInit.LSUV), 50, 128)), 0.01, 0.9, 100, 1);

        List<Path> files = StudyReport.write(dir, new StudyResult(plan, List.of(xavier, lsuv), List.of(), 1));

        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("tanh-3x16-activation-std-predicted.png", "tanh-3x16-gradient-norm-predicted.png");
        String html = Files.readString(dir.resolve(StudyReport.INDEX));
        assertThat(html).contains("at iteration 0, predicted").contains("Not predicted (weights rescaled from data "
                + "after the network is built): LSUV").contains("Xavier HEALTHY/HEALTHY/HEALTHY");
        String json = Files.readString(dir.resolve(StudyReport.JSON));
        assertThat(json).contains("\"predicted\" : null").contains("\"activationStdHigh\"")
                .contains("\"CONDITION_1_NOT_SATURATED\" : \"HEALTHY\"").contains("\"measuredIteration0\"");
    }
}
