package org.dl4jinit.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.dl4jinit.spark.LocalCluster;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.spark.health.DriverStorageRouter;
import org.dl4jinit.spark.health.RoutedHealthRecorder;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.LocalRungExecutor;
import org.dl4jinit.sweep.RungExecutorFactory;
import org.dl4jinit.sweep.RungTrainer;
import org.dl4jinit.sweep.PruningTaskListener;
import org.dl4jinit.sweep.Schedule;
import org.dl4jinit.sweep.SweepData;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Must-show 2: an initializer search on Spark {@code local[2]} gives the candidates, outcomes and scores of the
 * same search in one JVM ({@link LocalRungExecutor}), one ND4J thread per candidate on both; and what a search on
 * Spark does with health records, crashes and bad input.
 */
@Timeout(300)
class SparkSearchTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalCluster.local("local[2]", "spark-search");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    /**
     * ASHA at concurrency 1 is deterministic as a whole (promotions included), so the two reports must agree row
     * for row; every promoted candidate's model travels between its rungs as bytes on Spark and stays in memory in
     * one JVM. The health records of every candidate reach the driver's storage, as many per candidate as in one
     * JVM.
     */
    @Test
    void ashaOnSparkGivesTheOneJvmCandidatesOutcomesScoresAndHealthRecords() {
        InMemoryStatsStorage local = new InMemoryStatsStorage();
        SweepReport inOneJvm = SearchFixtures.search(SearchFixtures.space(), SearchFixtures.ASHA,
                SearchFixtures.health(RoutedHealthRecorder.to(DriverStorageRouter.to(sc, local))), null, 1);
        InMemoryStatsStorage driver = new InMemoryStatsStorage();
        SweepReport onSpark = SearchFixtures.search(SearchFixtures.space(), SearchFixtures.ASHA,
                SearchFixtures.health(RoutedHealthRecorder.to(DriverStorageRouter.to(sc, driver))),
                t -> SparkRungExecutor.on(sc, t, 1), 1);

        assertThat(SearchFixtures.outcomes(onSpark)).isEqualTo(SearchFixtures.outcomes(inOneJvm));
        assertThat(onSpark.results()).hasSize(8);
        assertThat(onSpark.results()).extracting(SweepResult::outcome)
                .contains(CandidateOutcome.COMPLETED, CandidateOutcome.STOPPED, CandidateOutcome.PRUNED);
        assertThat(onSpark.results().stream().filter(r -> r.rungs().size() > 1)).isNotEmpty();
        assertThat(records(driver)).isEqualTo(records(local)).hasSize(8);
        assertThat(records(driver).values()).allMatch(n -> n > 0);
    }

    /** Grid search, every candidate the full budget, two candidates at once on two task slots. */
    @Test
    void twoTaskSlotsTrainTwoCandidatesAtOnceWithTheOneJvmResults() {
        SweepReport inOneJvm = SearchFixtures.search(SearchFixtures.space(), Schedule.fullBudget(24), null, null, 2);
        SweepReport onSpark = SearchFixtures.search(SearchFixtures.space(), Schedule.fullBudget(24), null,
                t -> {
                    SparkRungExecutor e = SparkRungExecutor.on(sc, t);
                    assertThat(e.concurrency()).isEqualTo(2);
                    return e;
                }, 1);

        assertThat(SearchFixtures.outcomes(onSpark)).isEqualTo(SearchFixtures.outcomes(inOneJvm));
        assertThat(onSpark.results()).extracting(SweepResult::outcome)
                .containsOnly(CandidateOutcome.COMPLETED, CandidateOutcome.PRUNED);
    }

    /**
     * A candidate that throws is CRASHED inside its task, as in one JVM; one that hits a JVM error too (Spark
     * would end the executor's JVM, here the driver's); the others go on.
     */
    @Test
    void candidatesThatThrowOrHitAJvmErrorAreCrashedAndTheSearchGoesOn() {
        SweepReport report = SearchFixtures.search(
                SearchFixtures.space(new TestInits.Exploding(), new TestInits.OutOfMemory()), Schedule.fullBudget(12),
                null, t -> SparkRungExecutor.on(sc, t), 1);

        Map<String, String> crashed = new TreeMap<>();
        for (SweepResult r : report.results()) {
            if (r.outcome() == CandidateOutcome.CRASHED) {
                crashed.put(r.initializer() + " / " + r.activation(), r.error());
            }
        }
        assertThat(crashed).hasSize(4);
        assertThat(crashed).allSatisfy((k, error) -> {
            if (k.startsWith("Exploding")) {
                assertThat(error).contains("boom: this initializer always fails");
            } else {
                assertThat(k).startsWith("OutOfMemory");
                assertThat(error).startsWith("JVM error on executor, the executor goes on: "
                        + "java.lang.OutOfMemoryError: test: no memory for this candidate");
            }
        });
        assertThat(report.results()).filteredOn(r -> r.outcome() == CandidateOutcome.COMPLETED).hasSize(6);
    }

    @Test
    void badArgumentsAndSpeculativeExecutionAreRejectedBeforeAnyJob() {
        RungTrainer trainer = trainer();
        assertThatThrownBy(() -> SparkRungExecutor.on(sc, trainer, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be >= 1, or 0 for the executors' task slots, was -1");
        assertThatThrownBy(() -> SparkRungExecutor.on(null, trainer))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sc must not be null");
        assertThatThrownBy(() -> SparkRungExecutor.on(sc, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("trainer must not be null");
        Object notSerializable = new Object();
        RungTrainer local = new RungTrainer(SweepData.of(() -> {
            throw new IllegalStateException("not called " + notSerializable);
        }, () -> null), new TestSetLossScoreFunction(true), PruningTaskListener.quietHealth(), null);
        assertThatThrownBy(() -> SparkRungExecutor.on(sc, local))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trainer must be serializable to travel to the executors, but java.lang.Object is not "
                        + "(RungTrainer.data > SweepData.train > SerializedLambda.capturedArgs): give the sweep serializable data (SweepData's suppliers may capture only serializable "
                        + "values), score function and health configuration");
        SparkRungExecutor.requireNoSpeculation(new SparkConf(false));
        assertThatThrownBy(() -> SparkRungExecutor.requireNoSpeculation(new SparkConf(false)
                .set("spark.speculation", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spark.speculation must be false for a search on Spark, was true: a speculative copy "
                        + "of a task would train its candidate twice");
    }

    @Test
    void theSparkFactoryIsFoundByNameAndRejectsAMalformedMasterNamingIt() {
        RungExecutorFactory f = RungExecutorFactory.find("spark").orElseThrow();
        assertThat(RungExecutorFactory.available()).contains("spark");
        for (String ok : List.of("local", "local[2]", "local[*]", "local[2,3]", "local-cluster[2,1,1024]",
                "spark://host:7077", "spark://a:7077,b:7077", "yarn", "k8s://https://10.0.0.1:443")) {
            f.validate(ok);
        }
        for (String bad : List.of("local[0]", "local[two]", "spark://host", "localhost:7077", "", "local[2")) {
            assertThatThrownBy(() -> f.validate(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Spark master must be local, local[N], local[*], local[N,F], local-cluster[N,C,MB], "
                            + "spark://HOST:PORT, yarn, k8s://URL or mesos://URL, was \"" + bad + "\"");
        }
    }

    private static RungTrainer trainer() {
        RungTrainer[] t = new RungTrainer[1];
        SearchFixtures.search(SearchFixtures.space(), Schedule.fullBudget(1), null, x -> {
            t[0] = x;
            return new LocalRungExecutor(x, 1);
        }, 1);
        return t[0];
    }

    private static Map<String, Integer> records(InMemoryStatsStorage storage) {
        Map<String, Integer> n = new TreeMap<>();
        for (String session : storage.listSessionIDs()) {
            n.put(session, storage.getNumUpdateRecordsFor(session));
        }
        return n;
    }
}
