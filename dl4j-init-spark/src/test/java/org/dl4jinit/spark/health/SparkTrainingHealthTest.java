package org.dl4jinit.spark.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthPolicy;
import org.dl4jinit.health.UnhealthyTrainingException;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthRecorder;
import org.dl4jinit.storage.HealthStaticInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * DL4J's Spark training on {@code local[2]} (two executor threads in this JVM) with the health listener attached
 * through {@code setListeners(StatsStorageRouter, listeners)}: what the workers record reaches the driver's
 * storage and the Gradient Health page, and a worker's THROW fails the driver's job.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkTrainingHealthTest {

    private static final int BATCHES = 8;

    private static JavaSparkContext sc;
    private static VertxUIServer ui;

    @BeforeAll
    static void start() {
        // SharedTrainingMaster's Aeron transport in local mode (see docs/spark.md)
        System.setProperty("aeron.publication.unblock.timeout", "60000000000");
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("training-health")
                .set("spark.ui.enabled", "false"));
        ui = VertxUIServer.getInstance(0, false, null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sc != null) {
            sc.stop();
        }
        if (ui != null) {
            VertxUIServer.stopInstance();
        }
    }

    private static GradientHealthListener listener(HealthPolicy... onFailing) {
        return new GradientHealthListener(HealthConfig.builder().onWarning().onFailing(onFailing)
                .subscribe(HealthRecorder.toListenerRouter()).build());
    }

    private static ParameterAveragingTrainingMaster parameterAveraging() {
        return new ParameterAveragingTrainingMaster.Builder(TestNetworks.BATCH)
                .batchSizePerWorker(TestNetworks.BATCH).averagingFrequency(2).workerPrefetchNumBatches(0)
                .rddTrainingApproach(RDDTrainingApproach.Direct).build();
    }

    private static SharedTrainingMaster gradientSharing() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        VoidConfiguration transport = VoidConfiguration.builder().unicastPort(port).networkMask("127.0.0.0/8")
                .controllerAddress("127.0.0.1").build();
        return new SharedTrainingMaster.Builder(transport, TestNetworks.BATCH).batchSizePerWorker(TestNetworks.BATCH)
                .workersPerNode(2).rddTrainingApproach(RDDTrainingApproach.Direct).build();
    }

    private static JavaRDD<DataSet> data() {
        return sc.parallelize(TestNetworks.minibatches(BATCHES, 7), 2);
    }

    /** @return per worker of the session, the iterations of its records in storage order */
    private static Map<String, List<Integer>> iterations(InMemoryStatsStorage storage, String session) {
        Map<String, List<Integer>> out = new TreeMap<>();
        for (String worker : storage.listWorkerIDsForSession(session)) {
            HealthStaticInfo info = (HealthStaticInfo) storage.getStaticInfo(session, HealthRecord.TYPE_ID, worker);
            List<Integer> its = new ArrayList<>();
            for (Persistable p : storage.getAllUpdatesAfter(session, HealthRecord.TYPE_ID, worker, Long.MIN_VALUE)) {
                its.add(((HealthRecord) p).report(info).iteration());
            }
            out.put(worker, its);
        }
        return out;
    }

    @Test
    void parameterAveragingBringsEveryIterationOfEveryWorkerOfAMultiLayerNetworkToTheDriver() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(new HeInit()), parameterAveraging());
        GradientHealthListener listener = listener(HealthPolicy.THROW);
        net.setListeners(storage, List.<TrainingListener>of(listener));

        net.fit(data());

        // two workers (DL4J names them <JVM uid>_<n>), each trained 2 averaging rounds of 2 minibatches
        Map<String, List<Integer>> its = iterations(storage, listener.getSessionID());
        assertThat(its).hasSize(2);
        assertThat(its.values()).allSatisfy(w -> assertThat(w).containsExactly(0, 1, 2, 3));
        assertPageListsWorkers(storage, listener.getSessionID(), recordsPerWorker(its, 4));
    }

    @Test
    void parameterAveragingBringsEveryIterationOfEveryWorkerOfAComputationGraphToTheDriver() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        SparkComputationGraph net = new SparkComputationGraph(sc, TestNetworks.graph(new XavierInit()),
                parameterAveraging());
        GradientHealthListener listener = listener(HealthPolicy.THROW);
        net.setListeners(storage, List.<TrainingListener>of(listener));

        net.fit(data());

        // DL4J 1.0.0-M2.1's ComputationGraphConfiguration.clone() drops the iteration count, so a graph's workers
        // count every averaging round from 0: 2 rounds of 2 minibatches each. The page starts a new segment at a
        // restart and shows the latest round of each worker
        Map<String, List<Integer>> its = iterations(storage, listener.getSessionID());
        assertThat(its).hasSize(2);
        assertThat(its.values()).allSatisfy(w -> assertThat(w).containsExactly(0, 1, 0, 1));
        assertPageListsWorkers(storage, listener.getSessionID(), recordsPerWorker(its, 2));
    }

    @Test
    void aZeroInitializedNetworkFailsOnTheWorkersAndTheDriversJobNamesWorkerLayerAndCondition() {
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(new ZeroInit()), parameterAveraging());
        net.setListeners(new InMemoryStatsStorage(), List.<TrainingListener>of(listener(HealthPolicy.THROW)));

        Throwable t = catchThrowable(() -> net.fit(data()));

        assertFailedOnAWorker(t, "\\S+_[01]");
    }

    @Test
    void sharedTrainingBringsEveryMinibatchOfEveryWorkerToTheDriverThroughTheDriverStorageRouter() throws IOException {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(new HeInit()), gradientSharing());
        GradientHealthListener listener = SparkHealth.attach(net, storage, listener(HealthPolicy.THROW));

        net.fit(data());

        // ParallelWrapper's trainer threads on this executor (<uuid>_thread_<n>) split the minibatches between
        // them as they come; every minibatch is one record, and each worker's iterations count from 0
        Map<String, List<Integer>> its = iterations(storage, listener.getSessionID());
        assertThat(its.keySet()).allMatch(w -> w.matches("\\S+_thread_[01]"));
        assertThat(its.values().stream().mapToInt(List::size).sum()).isEqualTo(BATCHES);
        assertThat(its.values()).allSatisfy(w -> assertThat(w).isEqualTo(countingFromZero(w.size())));
    }

    /**
     * Last: when a worker's THROW fails a SharedTrainingMaster job, DL4J 1.0.0-M2 leaves the other worker's task
     * running in its executor JVM, holding the JVM's SharedTrainingWrapper, and the next SharedTrainingMaster fit
     * in that JVM can block on it (seen on this machine under load).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void sharedTrainingOfAZeroInitializedNetworkFailsTheDriversJobNamingWorkerLayerAndCondition() throws IOException {
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(new ZeroInit()), gradientSharing());
        SparkHealth.attach(net, new InMemoryStatsStorage(), listener(HealthPolicy.THROW));

        Throwable t = catchThrowable(() -> net.fit(data()));

        // DL4J wraps it: "Training failed due to exception in ParallelWrapper fit operation", caused by it
        assertFailedOnAWorker(t, "\\S+_thread_[01]");
    }

    @Test
    void attachingRejectsAFailAfterLongerThanAnAveragingRound() {
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(new HeInit()), parameterAveraging());
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder().failAfter(3)
                .onFailing(HealthPolicy.THROW).build());

        assertThatThrownBy(() -> SparkHealth.attach(net, new InMemoryStatsStorage(), listener))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("failAfter must be <= the averaging frequency (2) of ParameterAveragingTrainingMaster, "
                        + "was 3: each averaging round gives every worker a fresh listener, so a FAILING streak never "
                        + "gets longer than 2 iterations; lower failAfter or raise averagingFrequency");
    }

    @Test
    void attachingSubscribesARecorderWhenTheListenerHasNone() {
        SparkDl4jMultiLayer net = new SparkDl4jMultiLayer(sc, TestNetworks.mlp(new HeInit()), parameterAveraging());
        GradientHealthListener plain = new GradientHealthListener();

        GradientHealthListener attached = SparkHealth.attach(net, new InMemoryStatsStorage(), plain);

        assertThat(attached).isNotSameAs(plain);
        assertThat(attached.getSessionID()).isEqualTo(plain.getSessionID());
        assertThat(attached.config().subscribers()).hasOnlyElementsOfType(HealthRecorder.class).hasSize(1);
    }

    /**
     * The driver sees a SparkException whose message names the worker, the layer and the condition, caused by the
     * worker's UnhealthyTrainingException (Spark ships the exception back).
     */
    private static void assertFailedOnAWorker(Throwable t, String workerPattern) {
        assertThat(t).isInstanceOf(SparkException.class);
        assertThat(t.getMessage()).containsPattern("Training is unhealthy at iteration \\d+ on worker "
                + workerPattern + ": layer 0 \\(DenseLayer, relu\\): FAILING condition 2 \\(units not identical\\)");
        Throwable cause = t;
        while (cause != null && !(cause instanceof UnhealthyTrainingException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(UnhealthyTrainingException.class);
        UnhealthyTrainingException e = (UnhealthyTrainingException) cause;
        assertThat(e.violation().layerIndex()).isZero();
        assertThat(e.violation().condition()).isEqualTo(HealthCondition.SYMMETRY);
    }

    private static List<Integer> countingFromZero(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    private static Map<String, Integer> recordsPerWorker(Map<String, List<Integer>> its, int records) {
        Map<String, Integer> out = new TreeMap<>();
        its.keySet().forEach(w -> out.put(w, records));
        return out;
    }

    /** GET /health/sessions lists the session's workers with the records it shows of each. */
    private static void assertPageListsWorkers(InMemoryStatsStorage storage, String session,
            Map<String, Integer> expected) throws Exception {
        ui.attach(storage);
        try {
            HttpClient client = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            Map<String, Integer> listed = new TreeMap<>();
            for (int attempt = 0; attempt < 300 && !listed.equals(expected); attempt++) {
                Thread.sleep(100);
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + ui.getPort() + "/health/sessions")).build(), HttpResponse.BodyHandlers.ofString());
                listed.clear();
                for (JsonNode s : json.readTree(r.body()).get("sessions")) {
                    if (s.get("sessionId").asText().equals(session)) {
                        for (JsonNode w : s.get("workers")) {
                            listed.put(w.get("workerId").asText(), w.get("records").asInt());
                        }
                    }
                }
            }
            assertThat(listed).isEqualTo(expected);
        } finally {
            ui.detach(storage);
        }
    }
}
