package org.dl4jinit.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dl4jinit.sweep.AshaSweep;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.Schedule;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.activations.Activation;

/** The successive-halving plot: one line per scored candidate through its rung scores; pruned ones counted. */
class HalvingPlotTest {

    private static SweepReport report;

    @BeforeAll
    static void search() {
        report = AshaSweep.builder(PlotFixtures.space(Activation.TANH, Activation.RELU)).data(PlotFixtures.data())
                .gridSearch(2).schedule(Schedule.asha(5, 45, 3)).pruning(new PruningRule(2, 5)).build().run();
    }

    @Test
    void eachScoredCandidateIsALineThroughItsRungScoresAndPrunedOnesAreCounted() {
        XYChart chart = HalvingPlot.chart(report, "T");
        long scored = report.results().stream().filter(r -> !r.rungs().isEmpty()).count();
        assertThat(chart.getSeriesMap()).hasSize((int) scored);
        assertThat(report.count(CandidateOutcome.PRUNED)).isEqualTo(2);
        assertThat(chart.getTitle()).isEqualTo("T: ASHA eta=3, rungs 5/15/45 iterations; "
                + report.count(CandidateOutcome.COMPLETED) + " completed, " + report.count(CandidateOutcome.STOPPED)
                + " stopped; 2 pruned or crashed (not drawn)");
        SweepResult winner = report.winner().orElseThrow();
        XYSeries w = chart.getSeriesMap().get(SweepPlot.label(winner) + " (winner)");
        assertThat(w.getXData()).containsExactly(Math.log10(5), Math.log10(15), Math.log10(45));
        assertThat(w.getYData()).containsExactly(winner.rungs().stream().mapToDouble(s -> s.score()).toArray());
    }

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path p = HalvingPlot.write(report, dir.resolve("out"), "T");
        assertThat(p.getFileName().toString()).isEqualTo(HalvingPlot.PNG);
        byte[] head = Files.readAllBytes(p);
        assertThat(head.length).isGreaterThan(1000);
        assertThat(new String(head, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
}
