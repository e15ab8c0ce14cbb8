package org.dl4jinit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Nets;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.init.HeInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * ParallelWrapper moves the model's listeners to itself and gives each worker a clone of every
 * RoutingIterationListener with the original's session id and its own worker id: health records arrive from
 * each worker, under one session, each worker with its own static info — whether the recorder writes to its own
 * storage or to the router DL4J hands each clone.
 */
class ParallelWrapperHealthTest {

    private static final String TYPE = HealthRecord.TYPE_ID;

    @ParameterizedTest(name = "recorder writes to the listener's router: {0}")
    @ValueSource(booleans = {false, true})
    void twoWorkersRecordUnderOneSessionWithTheirOwnWorkerIds(boolean listenerRouter) throws Exception {
        MultiLayerNetwork net = Nets.mlp(2, 32, Activation.RELU, new HeInit(), Nets.sgd(), 51);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        HealthRecorder recorder = listenerRouter ? HealthRecorder.toListenerRouter() : HealthRecorder.to(storage);
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().subscribe(recorder)
                .onWarning().onFailing().build());
        listener.setSessionID("pw");
        if (listenerRouter) {
            listener.setStorageRouter(storage);
        }
        net.setListeners(listener);
        int batches = 16;
        ListDataSetIterator<DataSet> data = new ListDataSetIterator<>(Nets.data(16 * batches, 51).asList(), 16);

        try (ParallelWrapper wrapper = new ParallelWrapper.Builder<>(net).workers(2).prefetchBuffer(2)
                .averagingFrequency(1).build()) {
            wrapper.fit(data);
        }

        assertThat(storage.listSessionIDs()).containsExactly("pw");
        List<String> workers = storage.listWorkerIDsForSession("pw");
        System.out.println("workers " + workers);
        assertThat(workers).hasSize(2).doesNotHaveDuplicates().doesNotContain("0");
        int total = 0;
        Set<Integer> iterations = new HashSet<>();
        for (String worker : workers) {
            Persistable info = storage.getStaticInfo("pw", TYPE, worker);
            assertThat(info).as("static info of worker %s", worker).isInstanceOf(HealthStaticInfo.class);
            assertThat(info.getSessionID()).isEqualTo("pw");
            assertThat(info.getWorkerID()).isEqualTo(worker);
            HealthStaticInfo described = (HealthStaticInfo) info;
            assertThat(described.layers()).extracting(LayerInfo::name).containsExactly("0", "1", "2");
            List<Persistable> updates = storage.getAllUpdatesAfter("pw", TYPE, worker, Long.MIN_VALUE);
            assertThat(updates).as("records of worker %s", worker).isNotEmpty()
                    .allSatisfy(p -> {
                        assertThat(p).isInstanceOf(HealthRecord.class);
                        assertThat(p.getSessionID()).isEqualTo("pw");
                        assertThat(p.getWorkerID()).isEqualTo(worker);
                    });
            List<HealthReport> reports = updates.stream().map(p -> ((HealthRecord) p).report(described))
                    .collect(Collectors.toList());
            List<Integer> its = reports.stream().map(HealthReport::iteration).collect(Collectors.toList());
            System.out.println("worker " + worker + " iterations " + its);
            assertThat(its).isSorted().doesNotHaveDuplicates();
            assertThat(reports).allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.HEALTHY));
            iterations.addAll(its);
            total += updates.size();
        }
        // every minibatch was one iteration on one worker, and each was recorded
        assertThat(total).isEqualTo(batches);
        // the original listener only handed out clones: it never saw an iteration
        assertThat(listener.lastReport()).isNull();
    }
}
