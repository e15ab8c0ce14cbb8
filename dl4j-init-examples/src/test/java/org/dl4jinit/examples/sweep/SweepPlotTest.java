package org.dl4jinit.examples.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.InitDenseLayerSpace;
import org.dl4jinit.sweep.InitMultiLayerSpace;
import org.dl4jinit.sweep.InitOutputLayerSpace;
import org.dl4jinit.sweep.InitializerSweep;
import org.dl4jinit.sweep.PruningRule;
import org.dl4jinit.sweep.SweepData;
import org.dl4jinit.sweep.SweepReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The score plot shows completed candidates only; pruned ones are named in the title, not drawn as 0. */
class SweepPlotTest {

    private static SweepReport report;

    @BeforeAll
    static void sweep() {
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
                .addLayer(new InitDenseLayerSpace.Builder().nOut(8).activation(Activation.TANH).build())
                .addLayer(new InitOutputLayerSpace.Builder().nOut(2).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build())
                .setInputType(InputType.feedForward(8)).build();
        report = InitializerSweep.builder(space)
                .data(SweepData.of(() -> new ListDataSetIterator<>(train, 16), () -> new ListDataSetIterator<>(test, 64)))
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
