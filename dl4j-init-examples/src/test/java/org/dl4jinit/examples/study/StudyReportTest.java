package org.dl4jinit.examples.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
