package org.dl4jinit.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dl4jinit.health.ActivationFamily;
import org.dl4jinit.health.Diagnosis;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

class SweepReportTest {

    private static final Violation ZERO = new Violation(new LayerInfo(0, "0", "DenseLayer", "relu",
            ActivationFamily.RECTIFIER, "ZeroInit()", true, true, false), HealthCondition.ZERO_ACTIVATIONS,
            Verdict.FAILING, Figure.ZERO_FRACTION, 1.0, 0.9, new Diagnosis(Diagnosis.Cause.ZERO_WEIGHTS,
                    "every weight of layer 0 (DenseLayer, relu) is 0 (W = 0)",
                    "initialize the weights with a random initializer: HeInit for relu"));

    private static SweepReport report(boolean minimize) {
        return new SweepReport(List.of(
                new SweepResult(2, "ExplodingInit()", "tanh", 3, CandidateOutcome.CRASHED, null, null,
                        "java.lang.IllegalStateException: boom, \"really\"", Double.NaN, 0, 5),
                new SweepResult(0, "ZeroInit()", "relu", 3, CandidateOutcome.PRUNED, Verdict.FAILING, ZERO, null,
                        Double.NaN, 3, 40),
                new SweepResult(1, "HeInit(a=0)", "relu", 3, CandidateOutcome.COMPLETED, Verdict.HEALTHY, null, null,
                        0.25, 32, 300),
                new SweepResult(3, "XavierInit(gain=1.0)", "relu", 3, CandidateOutcome.COMPLETED, Verdict.WARNING,
                        null, null, 0.5, 32, 310)), minimize, 700, new PruningRule(3, 10));
    }

    @Test
    void winnerIsTheBestCompletedCandidateAndNeverAPrunedOrCrashedOne() {
        assertThat(report(true).winner()).map(SweepResult::index).contains(1);
        assertThat(report(false).winner()).map(SweepResult::index).contains(3);
        assertThat(report(true).results()).extracting(SweepResult::index).containsExactly(0, 1, 2, 3);
        assertThat(report(true).count(CandidateOutcome.PRUNED)).isEqualTo(1);
    }

    @Test
    void csvHasAHeaderOneRowPerCandidateAndQuotesCommasAndQuotes() {
        String[] lines = report(true).toCsv().split("\r\n");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("index,initializer,activation,layers,outcome,verdict,score,iterations,wall_ms,"
                + "reason_layer,reason_condition,reason_figure,reason_value,reason,rung,rung_scores");
        assertThat(lines[1]).startsWith("0,ZeroInit(),relu,3,PRUNED,FAILING,,3,40,layer 0 (DenseLayer, relu)"
                .replace("layer 0 (DenseLayer, relu)", "\"layer 0 (DenseLayer, relu)\""))
                .contains(",ZERO_ACTIVATIONS,ZERO_FRACTION,1.0,");
        assertThat(lines[2]).isEqualTo("1,HeInit(a=0),relu,3,COMPLETED,HEALTHY,0.25,32,300,,,,,,,");
        assertThat(lines[3]).endsWith(",\"java.lang.IllegalStateException: boom, \"\"really\"\"\",,");
    }

    @Test
    void jsonCarriesSummaryWinnerAndStructuredPruneReason() throws Exception {
        JsonNode root = new ObjectMapper().readTree(report(true).toJson());
        assertThat(root.get("candidates").asInt()).isEqualTo(4);
        assertThat(root.get("pruned").asInt()).isEqualTo(1);
        assertThat(root.get("crashed").asInt()).isEqualTo(1);
        assertThat(root.get("winner").asInt()).isEqualTo(1);
        assertThat(root.get("pruning").asText())
                .isEqualTo("FAILING for 3 consecutive iterations within the first 10");
        JsonNode pruned = root.get("results").get(0);
        assertThat(pruned.get("outcome").asText()).isEqualTo("PRUNED");
        assertThat(pruned.get("score").isNull()).isTrue();
        assertThat(pruned.get("pruneReason").get("layer").asText()).isEqualTo("layer 0 (DenseLayer, relu)");
        assertThat(pruned.get("pruneReason").get("condition").asText()).isEqualTo("ZERO_ACTIVATIONS");
        assertThat(pruned.get("pruneReason").get("value").asDouble()).isEqualTo(1.0);
        assertThat(pruned.get("pruneReason").get("layerIndex").asInt()).isZero();
        assertThat(pruned.get("pruneReason").get("figure").asText()).isEqualTo("ZERO_FRACTION");
        assertThat(pruned.get("pruneReason").get("cause").asText()).isEqualTo("ZERO_WEIGHTS");
        assertThat(pruned.get("pruneReason").get("remedy").asText())
                .isEqualTo("initialize the weights with a random initializer: HeInit for relu");
        assertThat(root.get("results").get(2).get("error").asText()).startsWith("java.lang.IllegalStateException");
    }

    @Test
    void tableListsEveryCandidateAndNamesTheWinner() {
        String table = report(true).toTable();
        assertThat(table.split("\n")).hasSize(6);
        assertThat(table).contains("PRUNED", "CRASHED", "0.2500")
                .contains("4 candidates: 2 completed, 1 pruned, 1 crashed; pruning FAILING for 3 consecutive "
                        + "iterations within the first 10; wall time 700 ms; winner: #1 HeInit(a=0) / relu / 3 layers");
    }

    private static SweepReport halving() {
        Schedule schedule = Schedule.asha(20, 180, 3);
        return new SweepReport(List.of(
                new SweepResult(0, "HeInit(a=0)", "relu", 3, CandidateOutcome.COMPLETED, Verdict.HEALTHY, null, null,
                        0.31, 180, 900, List.of(new RungScore(0, 20, 0.9, 1, 4, 2), new RungScore(1, 60, 0.5, 1, 2, 1),
                                new RungScore(2, 180, 0.31, 1, 1, 0))),
                new SweepResult(1, "XavierInit(gain=1.0)", "tanh", 3, CandidateOutcome.STOPPED, Verdict.HEALTHY, null,
                        null, 1.2, 20, 90, List.of(new RungScore(0, 20, 1.2, 3, 4, 2))),
                new SweepResult(2, "ZeroInit()", "relu", 3, CandidateOutcome.PRUNED, Verdict.FAILING, ZERO, null,
                        Double.NaN, 3, 10, List.of())), true, 1000, new PruningRule(3, 20), schedule);
    }

    @Test
    void halvingReportShowsRungsIterationsAndWhyEachCandidateStopped() throws Exception {
        SweepReport r = halving();
        SweepResult stopped = r.results().get(1);
        assertThat(stopped.rung()).isZero();
        assertThat(stopped.reason()).isEqualTo("not promoted at rung 0 (20 iterations): rank 3 of 4, the top 2 go on");
        assertThat(r.winner()).map(SweepResult::index).contains(0);
        assertThat(r.iterations()).isEqualTo(203);
        assertThat(r.toTable()).contains("3 candidates: 1 completed, 1 stopped, 1 pruned, 0 crashed; ASHA eta=3, "
                + "rungs 20/60/180 iterations; pruning FAILING for 3 consecutive iterations within the first 20; 203 "
                + "iterations; wall time 1000 ms; winner: #0 HeInit(a=0) / relu / 3 layers");
        String[] csv = r.toCsv().split("\r\n");
        assertThat(csv[1]).endsWith(",,2,20:0.9;60:0.5;180:0.31");
        assertThat(csv[2]).endsWith(",\"not promoted at rung 0 (20 iterations): rank 3 of 4, the top 2 go on\",0,20:1.2");
        assertThat(csv[3]).endsWith(",,");
        JsonNode root = new ObjectMapper().readTree(r.toJson());
        assertThat(root.get("schedule").asText()).isEqualTo("ASHA eta=3, rungs 20/60/180 iterations");
        assertThat(root.get("stopped").asInt()).isEqualTo(1);
        assertThat(root.get("iterations").asLong()).isEqualTo(203);
        JsonNode rungs = root.get("results").get(0).get("rungs");
        assertThat(rungs).hasSize(3);
        assertThat(rungs.get(1).get("iterations").asInt()).isEqualTo(60);
        assertThat(rungs.get(1).get("score").asDouble()).isEqualTo(0.5);
        assertThat(root.get("results").get(1).get("rung").asInt()).isZero();
        assertThat(root.get("results").get(2).get("rung").asInt()).isEqualTo(-1);
    }

    @Test
    void writesCsvAndJsonFiles(@TempDir Path dir) throws Exception {
        List<Path> files = report(true).write(dir.resolve("out"), "sweep");
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("sweep.csv", "sweep.json");
        assertThat(Files.readString(files.get(0))).isEqualTo(report(true).toCsv());
        assertThat(Files.readString(files.get(1))).isEqualTo(report(true).toJson());
    }
}
