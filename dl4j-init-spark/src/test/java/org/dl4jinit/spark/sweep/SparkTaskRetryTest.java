package org.dl4jinit.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jinit.spark.LocalCluster;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.Schedule;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spark's task retry does not train a candidate twice: on {@code local[2,2]} (two attempts per task, as
 * {@code spark.task.maxFailures} allows on clusters), a task that fails outside the trainer is retried by Spark,
 * and the retry reports the candidate CRASHED without building it again.
 */
@Timeout(300)
class SparkTaskRetryTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalCluster.local("local[2,2]", "spark-task-retry");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    @Test
    void aRetriedTaskDoesNotTrainItsCandidateAgainAndTheCandidateIsCrashed() {
        TestInits.FailsTask.CALLS.set(0);
        SweepReport report = SearchFixtures.search(SearchFixtures.space(new TestInits.FailsTask()),
                Schedule.fullBudget(6), null, t -> SparkRungExecutor.on(sc, t), 1);

        // two candidates use the initializer (ReLU, tanh); Spark ran each task twice, the initializer once each
        assertThat(TestInits.FailsTask.CALLS.get()).isEqualTo(2);
        assertThat(report.results()).filteredOn(r -> r.initializer().startsWith("FailsTask")).hasSize(2)
                .allSatisfy(r -> {
                    assertThat(r.outcome()).isEqualTo(CandidateOutcome.CRASHED);
                    assertThat(r.iterations()).isZero();
                    assertThat(r.error()).startsWith("its Spark task failed and was not run again, so that the "
                            + "candidate trains once: ");
                });
        assertThat(report.results()).filteredOn(r -> !r.initializer().startsWith("FailsTask"))
                .extracting(SweepResult::outcome).hasSize(8)
                .containsOnly(CandidateOutcome.COMPLETED, CandidateOutcome.PRUNED);
    }
}
