package org.dl4jinit.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.sweep.AshaSweep;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.InitDenseLayerSpace;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitOutputLayerSpace;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.Schedule;
import org.dl4jinit.sweep.SweepData;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The successive-halving plot: one line per scored candidate through its rung scores; pruned ones counted. */
class HalvingPlotTest {

    private static SweepReport report;

    @BeforeAll
    static void search() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 256, 8);
        INDArray y = Nd4j.create(DataType.FLOAT, 256, 2);
        for (int i = 0; i < 256; i++) {
            y.putScalar(i, x.getDouble(i, 0) > 0 ? 0 : 1, 1.0);
        }
        List<DataSet> all = new DataSet(x, y).asList();
        List<DataSet> train = List.copyOf(all.subList(0, 192));
        List<DataSet> test = List.copyOf(all.subList(192, 256));
        MultiLayerSpace space = new InitMultiLayerSpace.Builder()
                .initializer(new ZeroInit(), new XavierInit(), new HeInit()).seed(1L).updater(new Adam(0.01))
                .addLayer(new InitDenseLayerSpace.Builder().nOut(8)
                        .activation(new DiscreteParameterSpace<>(Activation.TANH, Activation.RELU)).build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(8)).build();
        report = AshaSweep.builder(space)
                .data(SweepData.of(() -> new ListDataSetIterator<>(train, 16), () -> new ListDataSetIterator<>(test, 64)))
                .gridSearch(2).schedule(Schedule.asha(5, 45, 3)).pruning(new PruningRule(2, 5)).build().run();
    }

    @Test
    void eachScoredCandidateIsALineThroughItsRungScoresAndPrunedOnesAreCounted() {
        XYChart chart = HalvingPlot.chart(report, "T");
        long scored = report.results().stream().filter(r -> !r.rungs().isEmpty()).count();
        assertThat(chart.getSeriesMap()).hasSize((int) scored);
        assertThat(report.count(CandidateOutcome.PRUNED)).isEqualTo(2);
        assertThat(chart.getTitle()).isEqualTo("T: score vs iterations, ASHA eta=3, rungs 5/15/45 iterations (lower "
                + "is better); " + report.count(CandidateOutcome.COMPLETED) + " completed, "
                + report.count(CandidateOutcome.STOPPED) + " stopped; 2 pruned by health or crashed (no score, not "
                + "drawn)");
        SweepResult winner = report.winner().orElseThrow();
        XYSeries w = chart.getSeriesMap().get(SweepPlot.label(winner) + " (winner)");
        assertThat(w.getXData()).containsExactly(5.0, 15.0, 45.0);
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
