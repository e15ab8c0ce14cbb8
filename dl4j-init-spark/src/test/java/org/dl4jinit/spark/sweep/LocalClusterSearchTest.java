package org.dl4jinit.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.deeplearning4j.core.util.UIDProvider;
import org.dl4jinit.spark.LocalCluster;
import org.dl4jinit.spark.health.DriverStorageRouter;
import org.dl4jinit.spark.health.RoutedHealthRecorder;
import org.dl4jinit.sweep.CandidateOutcome;
import org.dl4jinit.sweep.RungScore;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Must-show 3: the search on Spark with executors in JVMs of their own ({@code local-cluster[2,1,1024]}, started
 * from the Maven jars by {@link LocalCluster}). Models travel between rungs as bytes from one executor JVM to
 * another, the health records come back to the driver's storage from both executor JVMs, and a candidate that
 * ends its executor's JVM is CRASHED while the search goes on.
 */
@Timeout(300)
class LocalClusterSearchTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() throws Exception {
        sc = LocalCluster.start(2, "local-cluster-search");
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    @Test
    void ashaWithExecutorsInTheirOwnJvmsScoresAsOneJvmAndSurvivesAnExecutorThatDies() {
        SweepReport inOneJvm = SearchFixtures.search(SearchFixtures.space(new TestInits.HaltsExecutor()),
                SearchFixtures.ASHA, null, null, 2);
        InMemoryStatsStorage driver = new InMemoryStatsStorage();
        SweepReport onCluster = SearchFixtures.search(SearchFixtures.space(new TestInits.HaltsExecutor()),
                SearchFixtures.ASHA, SearchFixtures.health(RoutedHealthRecorder.to(DriverStorageRouter.to(sc,
                        driver))), t -> SparkRungExecutor.on(sc, t), 1);

        // ASHA at concurrency 2 promotes on results in their order of arrival: compare what does not depend on it,
        // every score both runs took at the same rung, and the outcomes decided by health and crashes
        Map<String, Double> local = rungScores(inOneJvm);
        Map<String, Double> cluster = rungScores(onCluster);
        Set<String> both = new HashSet<>(local.keySet());
        both.retainAll(cluster.keySet());
        assertThat(both).hasSizeGreaterThan(local.size() / 2);
        for (String k : both) {
            assertThat(cluster.get(k)).as(k).isEqualTo(local.get(k));
        }
        for (int i = 0; i < inOneJvm.results().size(); i++) {
            SweepResult a = inOneJvm.results().get(i);
            SweepResult b = onCluster.results().get(i);
            assertThat(b.label()).isEqualTo(a.label());
            if (a.outcome() == CandidateOutcome.PRUNED || a.outcome() == CandidateOutcome.CRASHED) {
                assertThat(b.outcome()).as(b.label()).isEqualTo(a.outcome());
            }
        }
        assertThat(onCluster.results()).filteredOn(r -> r.initializer().startsWith("HaltsExecutor")).hasSize(2)
                .allSatisfy(r -> assertThat(r.error()).startsWith("its Spark task failed and was not run again"));
        assertThat(onCluster.results()).filteredOn(r -> r.outcome() == CandidateOutcome.COMPLETED).isNotEmpty();

        Set<String> workers = workers(driver);
        assertThat(workers).hasSizeGreaterThanOrEqualTo(2).doesNotContain(UIDProvider.getJVMUID());
    }

    private static Map<String, Double> rungScores(SweepReport report) {
        Map<String, Double> m = new HashMap<>();
        for (SweepResult r : report.results()) {
            for (RungScore s : r.rungs()) {
                m.put(r.label() + " @" + s.iterations(), s.score());
            }
        }
        return m;
    }

    private static Set<String> workers(StatsStorage storage) {
        Set<String> w = new HashSet<>();
        for (String session : storage.listSessionIDs()) {
            w.addAll(storage.listWorkerIDsForSession(session));
        }
        return w;
    }
}
