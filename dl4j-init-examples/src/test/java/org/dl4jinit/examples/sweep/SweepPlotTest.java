package org.dl4jinit.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.InitializerSweep;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.SweepReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.activations.Activation;

/** The score plot shows completed candidates only; pruned ones are named in the title, not drawn as 0. */
class SweepPlotTest {

    private static SweepReport report;

    @BeforeAll
    static void sweep() {
        report = InitializerSweep.builder(PlotFixtures.space(Activation.TANH)).data(PlotFixtures.data())
                .pruning(new PruningRule(2, 5)).build().run();
    }

    @Test
    void scoreChartLeavesOutThePrunedCandidateAndSaysSo() {
        assertThat(report.results()).extracting(r -> r.outcome()).containsExactly(CandidateOutcome.PRUNED,
                CandidateOutcome.COMPLETED, CandidateOutcome.COMPLETED);
        CategoryChart chart = SweepPlot.scoreChart(report, "T");
        assertThat(chart.getTitle()).isEqualTo("T: score of the 2 completed candidates (lower is better); 1 pruned "
                + "or crashed candidates have no score and are not shown");
        List<Object> xs = List.copyOf(chart.getSeriesMap().get("completed").getXData());
        assertThat(xs).containsExactly((Object) SweepPlot.label(report.results().get(1)),
                (Object) SweepPlot.label(report.results().get(2)));
        int w = report.winner().orElseThrow().index();
        List<Object> best = List.copyOf(chart.getSeriesMap().get("winner").getYData());
        assertThat(best).containsExactlyInAnyOrder((Object) report.results().get(w).score(), (Object) 0.0);
    }

    @Test
    void scoreTitleFollowsTheDirectionOfTheScore() {
        assertThat(SweepPlot.scoreTitle("T", false, 3, 0)).isEqualTo("T: score of the 3 completed candidates "
                + "(higher is better)");
    }

    @Test
    void writesBothPlots(@TempDir Path dir) throws Exception {
        List<Path> files = SweepPlot.write(report, dir, "T");
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(SweepPlot.WALL_PNG,
                SweepPlot.SCORE_PNG);
        for (Path p : files) {
            assertThat(Files.size(p)).isPositive();
        }
    }
}
