package org.dl4jinit.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.Diagnosis;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.TestReports;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * {@link HealthRecord} and {@link HealthStaticInfo} through their binary encoding and through DL4J's
 * InMemoryStatsStorage and FileStatsStorage (MapDB, restored by no-arg constructor + decode), including the
 * millisecond keying of update records.
 */
class HealthRecordStorageTest {

    private static final String TYPE = HealthRecord.TYPE_ID;

    @TempDir
    Path dir;

    // --- nets and data ----------------------------------------------------------------------------------------

    /** A 4-4-2 MLP: fast enough to run hundreds of iterations per millisecond budget. */
    private static MultiLayerNetwork tiny(IWeightInit init) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Sgd(0.1)).weightInit(init).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(4).nOut(2).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }

    private static DataSet tinyBatch() {
        Nd4j.getRandom().setSeed(7);
        return new DataSet(Nd4j.randn(DataType.FLOAT, 2, 4), Nd4j.create(new float[][] {{1, 0}, {0, 1}}));
    }

    private static GradientHealthListener train(MultiLayerNetwork net, StatsStorage storage, String session,
            int iterations, HealthConfig.Builder options) {
        GradientHealthListener listener = new GradientHealthListener(options.subscribe(HealthRecorder.to(storage))
                .onWarning().onFailing().historySize(Math.max(1, iterations)).build());
        listener.setSessionID(session);
        net.setListeners(listener);
        DataSet batch = tinyBatch();
        for (int i = 0; i < iterations; i++) {
            net.fit(batch);
        }
        return listener;
    }

    // --- comparisons ------------------------------------------------------------------------------------------

    /** A decoded report says what the original said, figures narrowed to float, without transitions. */
    static void assertSameReport(HealthReport actual, HealthReport expected) {
        assertThat(actual.sessionId()).isEqualTo(expected.sessionId());
        assertThat(actual.workerId()).isEqualTo(expected.workerId());
        assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
        assertThat(actual.iteration()).isEqualTo(expected.iteration());
        assertThat(actual.epoch()).isEqualTo(expected.epoch());
        assertThat(Double.compare(actual.score(), expected.score())).as("score").isZero();
        assertThat(actual.verdict()).isEqualTo(expected.verdict());
        assertThat(actual.failingStreak()).isEqualTo(expected.failingStreak());
        assertThat(actual.layers()).hasSameSizeAs(expected.layers());
        for (int l = 0; l < expected.layers().size(); l++) {
            LayerHealth a = actual.layers().get(l);
            LayerHealth e = expected.layers().get(l);
            assertThat(a.layer()).isEqualTo(e.layer());
            assertThat(a.verdict()).isEqualTo(e.verdict());
            for (Figure f : Figure.values()) {
                assertThat(Float.compare((float) a.get(f), (float) e.get(f))).as("layer %d %s", l, f).isZero();
            }
            assertThat(a.violations()).isEqualTo(e.violations());
        }
        assertThat(actual.modelFindings()).isEqualTo(expected.modelFindings());
        assertThat(actual.violations()).isEqualTo(expected.violations());
        assertThat(actual.headline()).isEqualTo(expected.headline());
        assertThat(actual.transitions()).isEmpty();
    }

    private static HealthRecord decoded(HealthRecord r) {
        HealthRecord copy = new HealthRecord();
        copy.decode(r.encode());
        return copy;
    }

    private static HealthStaticInfo decoded(HealthStaticInfo i) {
        HealthStaticInfo copy = new HealthStaticInfo();
        copy.decode(i.encode());
        return copy;
    }

    // --- encoding ---------------------------------------------------------------------------------------------

    @Test
    void recordRoundTripsEveryFieldFindingDiagnosisAndNonFiniteFigure() throws Exception {
        HealthReport report = TestReports.withEveryKindOfFinding("s-1", "w-ü", 1234567L);
        HealthStaticInfo info = decoded(HealthStaticInfo.of(report));
        assertThat(info.layers()).isEqualTo(report.layers().stream().map(LayerHealth::layer)
                .collect(Collectors.toList()));
        assertThat(info.modelType()).isEqualTo(report.modelType());
        HealthRecord r = HealthRecord.of(report);
        HealthReport back = decoded(r).report(info);
        assertSameReport(back, report);
        assertThat(back.modelType()).isEqualTo(report.modelType());
        assertThat(back.layers().get(2).verdict()).isEqualTo(Verdict.NOT_MEASURED);
        assertThat(back.modelFindings()).extracting(Violation::isModelLevel).containsExactly(true);
        assertThat(back.layer("out").get(Figure.ACTIVATION_STD)).isNaN();
        assertThat(back.layer("out").get(Figure.UPDATE_RATIO)).isInfinite();
        assertThat(back.headline().orElseThrow().diagnosis().cause()).isEqualTo(Diagnosis.Cause.WEIGHTS_TOO_LARGE);
        assertThat(r.encodingLengthBytes()).isEqualTo(r.encode().length);

        ByteBuffer buffer = ByteBuffer.allocate(r.encodingLengthBytes());
        r.encode(buffer);
        buffer.flip();
        HealthRecord viaBuffer = new HealthRecord();
        viaBuffer.decode(buffer);
        assertThat(viaBuffer.encode()).isEqualTo(r.encode());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.encode(out);
        HealthRecord viaStream = new HealthRecord();
        viaStream.decode(new ByteArrayInputStream(out.toByteArray()));
        assertThat(viaStream.encode()).isEqualTo(r.encode());
    }

    @Test
    void withoutStaticInfoLayersAreNamedByTheirIndex() {
        HealthReport report = TestReports.withEveryKindOfFinding("s", "w", 1);
        HealthReport back = decoded(HealthRecord.of(report)).report(null);
        assertThat(back.layers()).extracting(LayerHealth::name).containsExactly("0", "1", "2");
        assertThat(back.modelType()).isEqualTo("unknown");
        assertThat(back.headline().orElseThrow().layerIndex()).isZero();
        assertThat(back.verdict()).isEqualTo(Verdict.FAILING);
    }

    @Test
    void recordOfARealFailingRunRoundTrips() {
        MultiLayerNetwork net = tiny(new ZeroInit());
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener l = train(net, storage, "zero", 1, HealthConfig.builder());
        HealthReport report = l.lastReport();
        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        assertSameReport(decoded(HealthRecord.of(report)).report(HealthStaticInfo.of(report)), report);
    }

    @Test
    void emptyRecordAndStaticInfoRoundTripWithNullIds() {
        HealthRecord copy = decoded(new HealthRecord());
        assertThat(copy.getSessionID()).isNull();
        assertThat(copy.getWorkerID()).isNull();
        HealthReport empty = copy.report(null);
        assertThat(empty.layers()).isEmpty();
        assertThat(empty.violations()).isEmpty();
        assertThat(empty.isHealthy()).isTrue();
        HealthStaticInfo info = decoded(new HealthStaticInfo());
        assertThat(info.getSessionID()).isNull();
        assertThat(info.layers()).isEmpty();
        assertThat(info.encode()).isEqualTo(new HealthStaticInfo().encode());
    }

    @Test
    void badEncodingsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new HealthRecord().decode(new byte[] {7}))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HealthRecord encoding: java.io.IOException: HealthRecord encoding version 7"
                        + " is not supported (this version of dl4j-init reads versions 1 to 2)");
        byte[] full = HealthRecord.of(TestReports.withEveryKindOfFinding("s", "w", 1)).encode();
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 3);
        assertThatThrownBy(() -> new HealthRecord().decode(truncated))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HealthRecord encoding: java.io.EOFException")
                .hasCauseInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> new HealthStaticInfo().decode(new byte[] {3}))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HealthStaticInfo encoding: java.io.IOException: HealthStaticInfo encoding"
                        + " version 3 is not supported (this version of dl4j-init reads versions 1 to 2)");
    }

    // --- storages ---------------------------------------------------------------------------------------------

    private static void assertStored(StatsStorage storage, String session, GradientHealthListener l, int n) {
        assertThat(storage.listSessionIDs()).contains(session);
        assertThat(storage.listTypeIDsForSession(session)).containsExactly(TYPE);
        assertThat(storage.listWorkerIDsForSession(session)).containsExactly("0");
        Persistable info = storage.getStaticInfo(session, TYPE, "0");
        assertThat(info).isInstanceOf(HealthStaticInfo.class);
        HealthStaticInfo s = (HealthStaticInfo) info;
        assertThat(s.modelType()).isEqualTo(MultiLayerNetwork.class.getName());
        assertThat(s.layers()).extracting(LayerInfo::name).containsExactly("0", "1", "2");
        assertThat(s.layers()).extracting(LayerInfo::type).containsExactly("DenseLayer", "DenseLayer", "OutputLayer");
        assertThat(s.layers()).extracting(LayerInfo::output).containsExactly(false, false, true);
        assertThat(s.layers()).isEqualTo(l.history().get(0).layers().stream().map(LayerHealth::layer)
                .collect(Collectors.toList()));
        assertThat(s.getTimeStamp()).isEqualTo(l.history().get(0).timestamp());
        assertThat(storage.getNumUpdateRecordsFor(session, TYPE, "0")).isEqualTo(n);
        List<Persistable> updates = storage.getAllUpdatesAfter(session, TYPE, "0", Long.MIN_VALUE);
        assertThat(updates).hasSize(n).allSatisfy(p -> assertThat(p).isInstanceOf(HealthRecord.class));
        List<HealthReport> history = l.history();
        for (int i = 0; i < n; i++) {
            HealthRecord r = (HealthRecord) updates.get(i);
            assertSameReport(r.report(s), history.get(i));
            assertThat(r.encode()).isEqualTo(HealthRecord.of(history.get(i)).encode());
            assertThat(r.report(s).iteration()).isEqualTo(i);
        }
    }

    private static MultiLayerNetwork threeLayers(IWeightInit init) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8)
                .updater(new Sgd(0.1)).weightInit(init).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(2).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }

    @Test
    void inMemoryStorageHoldsStaticInfoAndEveryRecord() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener l = train(threeLayers(new ZeroInit()), storage, "mem", 10,
                HealthConfig.builder());
        assertThat(l.lastReport().verdict()).isEqualTo(Verdict.FAILING);
        assertStored(storage, "mem", l, 10);
    }

    @Test
    void fileStorageKeepsStaticInfoAndEveryRecordAcrossCloseAndReopen() throws Exception {
        File file = dir.resolve("health.dl4j").toFile();
        FileStatsStorage storage = new FileStatsStorage(file);
        GradientHealthListener l = train(threeLayers(new ZeroInit()), storage, "file", 10,
                HealthConfig.builder());
        GradientHealthListener healthy = train(threeLayers(new HeInit()), storage, "file-2", 5,
                HealthConfig.builder());
        assertStored(storage, "file", l, 10);
        storage.close();
        assertThat(storage.isClosed()).isTrue();

        FileStatsStorage reopened = new FileStatsStorage(file);
        try {
            assertThat(reopened.listSessionIDs()).containsExactlyInAnyOrder("file", "file-2");
            assertStored(reopened, "file", l, 10);
            assertStored(reopened, "file-2", healthy, 5);
            HealthRecord first = (HealthRecord) reopened.getAllUpdatesAfter("file", TYPE, "0", Long.MIN_VALUE).get(0);
            HealthReport report = first.report((HealthStaticInfo) reopened.getStaticInfo("file", TYPE, "0"));
            assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
            assertThat(report.violations()).extracting(Violation::condition).contains(HealthCondition.ZERO_GRADIENT);
        } finally {
            reopened.close();
        }
    }

    // --- millisecond keys -------------------------------------------------------------------------------------

    @Test
    void twoHundredFastIterationsGiveTwoHundredRecordsInBothStorages() throws Exception {
        InMemoryStatsStorage memory = new InMemoryStatsStorage();
        File file = dir.resolve("fast.dl4j").toFile();
        FileStatsStorage disk = new FileStatsStorage(file);
        try {
            GradientHealthListener a = train(tiny(new HeInit()), memory, "fast-memory", 200, HealthConfig.builder());
            GradientHealthListener b = train(tiny(new HeInit()), disk, "fast-disk", 200, HealthConfig.builder());
            for (GradientHealthListener l : List.of(a, b)) {
                List<Long> stamps = l.history().stream().map(HealthReport::timestamp).collect(Collectors.toList());
                assertThat(stamps).hasSize(200).isSorted().doesNotHaveDuplicates();
            }
            // the point of the test: iterations faster than 1 ms would collide without the listener's
            // strictly increasing timestamps
            long span = a.history().get(199).timestamp() - a.history().get(0).timestamp();
            System.out.println("200 iterations over " + span + " ms of timestamps");
            assertThat(memory.getNumUpdateRecordsFor("fast-memory", TYPE, "0")).isEqualTo(200);
            assertThat(disk.getNumUpdateRecordsFor("fast-disk", TYPE, "0")).isEqualTo(200);
            assertThat(memory.getAllUpdatesAfter("fast-memory", TYPE, "0", Long.MIN_VALUE)).hasSize(200);
            assertThat(disk.getAllUpdatesAfter("fast-disk", TYPE, "0", Long.MIN_VALUE)).hasSize(200);
        } finally {
            disk.close();
        }
        FileStatsStorage reopened = new FileStatsStorage(file);
        try {
            assertThat(reopened.getNumUpdateRecordsFor("fast-disk", TYPE, "0")).isEqualTo(200);
        } finally {
            reopened.close();
        }
    }

    @Test
    void aConstantClockStillGivesOneRecordPerIteration() throws Exception {
        InMemoryStatsStorage memory = new InMemoryStatsStorage();
        FileStatsStorage disk = new FileStatsStorage(dir.resolve("clock.dl4j").toFile());
        try {
            GradientHealthListener a = train(tiny(new HeInit()), memory, "clock-memory", 200,
                    HealthConfig.builder().clock(() -> 1000L));
            GradientHealthListener b = train(tiny(new HeInit()), disk, "clock-disk", 200,
                    HealthConfig.builder().clock(() -> 1000L));
            for (GradientHealthListener l : List.of(a, b)) {
                assertThat(l.history()).extracting(HealthReport::timestamp).first().isEqualTo(1000L);
                assertThat(l.history()).extracting(HealthReport::timestamp).last().isEqualTo(1199L);
            }
            for (StatsStorage s : List.<StatsStorage>of(memory, disk)) {
                String session = s == memory ? "clock-memory" : "clock-disk";
                assertThat(s.getNumUpdateRecordsFor(session, TYPE, "0")).isEqualTo(200);
                assertThat(s.getStaticInfo(session, TYPE, "0").getTimeStamp()).isEqualTo(1000L);
                assertThat(s.getAllUpdateTimes(session, TYPE, "0")).hasSize(200).startsWith(1000L).endsWith(1199L);
                List<Persistable> updates = s.getAllUpdatesAfter(session, TYPE, "0", Long.MIN_VALUE);
                assertThat(updates).extracting(p -> ((HealthRecord) p).report(null).iteration())
                        .isEqualTo(java.util.stream.IntStream.range(0, 200).boxed().collect(Collectors.toList()));
            }
        } finally {
            disk.close();
        }
    }

    @Test
    void oneRecorderDescribesEachModelOfASessionAndWorkerBeforeItsRecords() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        HealthRecorder recorder = HealthRecorder.to(storage);
        HealthConfig config = HealthConfig.builder().subscribe(recorder).onWarning().onFailing().build();
        DataSet batch = tinyBatch();
        for (String session : List.of("a", "b")) {
            GradientHealthListener l = new GradientHealthListener(config);
            l.setSessionID(session);
            MultiLayerNetwork net = session.equals("a") ? tiny(new HeInit()) : threeLayers(new HeInit());
            net.setListeners(l);
            net.fit(batch);
            net.fit(batch);
        }
        assertThat(((HealthStaticInfo) storage.getStaticInfo("a", TYPE, "0")).layers()).hasSize(2);
        assertThat(((HealthStaticInfo) storage.getStaticInfo("b", TYPE, "0")).layers()).hasSize(3);
        assertThat(storage.getNumUpdateRecordsFor("a", TYPE, "0")).isEqualTo(2);
        assertThat(storage.getNumUpdateRecordsFor("b", TYPE, "0")).isEqualTo(2);
    }

    @Test
    void recorderWithoutARouterWritesNothing() {
        GradientHealthListener l = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.toListenerRouter()).onWarning().onFailing().build());
        MultiLayerNetwork net = tiny(new HeInit());
        net.setListeners(l);
        net.fit(tinyBatch());
        assertThat(l.lastReport()).isNotNull();
        assertThatThrownBy(() -> HealthRecorder.to(null)).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("router must not be null");
    }
}
