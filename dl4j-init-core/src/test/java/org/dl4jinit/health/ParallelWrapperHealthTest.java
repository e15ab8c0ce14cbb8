package org.dl4jinit.health;

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
import org.dl4jinit.init.HeInit;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * ParallelWrapper moves the model's listeners to itself and gives each worker a clone of every
 * RoutingIterationListener with the original's session id and its own worker id: health records arrive from
 * each worker, under one session, each worker with its own static info.
 */
class ParallelWrapperHealthTest {

    private static final String TYPE = HealthRecord.TYPE_ID;

    @Test
    void twoWorkersRecordUnderOneSessionWithTheirOwnWorkerIds() throws Exception {
        MultiLayerNetwork net = Nets.mlp(2, 32, Activation.RELU, new HeInit(), Nets.sgd(), 51);
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener listener = GradientHealthListener.builder().record(storage).sessionId("pw")
                .onWarning().onFailing().build();
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
            assertThat(((HealthStaticInfo) info).layers()).extracting(HealthStaticInfo.Layer::name)
                    .containsExactly("0", "1", "2");
            List<Persistable> updates = storage.getAllUpdatesAfter("pw", TYPE, worker, Long.MIN_VALUE);
            assertThat(updates).as("records of worker %s", worker).isNotEmpty()
                    .allSatisfy(p -> {
                        assertThat(p).isInstanceOf(HealthRecord.class);
                        assertThat(p.getSessionID()).isEqualTo("pw");
                        assertThat(p.getWorkerID()).isEqualTo(worker);
                    });
            List<Integer> its = updates.stream().map(p -> ((HealthRecord) p).iteration()).collect(Collectors.toList());
            System.out.println("worker " + worker + " iterations " + its);
            assertThat(its).isSorted().doesNotHaveDuplicates();
            assertThat(updates).allSatisfy(p -> assertThat(((HealthRecord) p).verdict()).isEqualTo(Verdict.HEALTHY));
            iterations.addAll(its);
            total += updates.size();
        }
        // every minibatch was one iteration on one worker, and each was recorded
        assertThat(total).isEqualTo(batches);
        // the original listener only handed out clones: it never saw an iteration
        assertThat(listener.lastReport()).isNull();
    }
}
