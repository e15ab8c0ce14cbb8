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
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
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
            int iterations, GradientHealthListener.Builder options) {
        GradientHealthListener listener = options.record(storage).sessionId(session).onWarning().onFailing()
                .historySize(Math.max(1, iterations)).build();
        net.setListeners(listener);
        DataSet batch = tinyBatch();
        for (int i = 0; i < iterations; i++) {
            net.fit(batch);
        }
        return listener;
    }

    // --- comparisons ------------------------------------------------------------------------------------------

    private static void assertSameRecord(HealthRecord actual, HealthRecord expected) {
        assertThat(actual.getSessionID()).isEqualTo(expected.getSessionID());
        assertThat(actual.getWorkerID()).isEqualTo(expected.getWorkerID());
        assertThat(actual.getTypeID()).isEqualTo(TYPE);
        assertThat(actual.getTimeStamp()).isEqualTo(expected.getTimeStamp());
        assertThat(actual.iteration()).isEqualTo(expected.iteration());
        assertThat(actual.epoch()).isEqualTo(expected.epoch());
        assertThat(Double.compare(actual.score(), expected.score())).as("score").isZero();
        assertThat(actual.verdict()).isEqualTo(expected.verdict());
        assertThat(actual.layerCount()).isEqualTo(expected.layerCount());
        for (int l = 0; l < expected.layerCount(); l++) {
            assertThat(actual.layerVerdict(l)).isEqualTo(expected.layerVerdict(l));
            for (Figure f : Figure.values()) {
                assertThat(Double.compare(actual.figure(l, f), expected.figure(l, f))).as("layer %d %s", l, f)
                        .isZero();
            }
        }
        assertThat(actual.findings()).hasSameSizeAs(expected.findings());
        for (int i = 0; i < expected.findings().size(); i++) {
            HealthRecord.Finding a = actual.findings().get(i);
            HealthRecord.Finding e = expected.findings().get(i);
            assertThat(a.layer()).isEqualTo(e.layer());
            assertThat(a.violation()).isEqualTo(e.violation());
        }
        assertThat(actual.encode()).isEqualTo(expected.encode());
    }

    /** The record says what the report says (figures narrowed to float). */
    private static void assertRecordOf(HealthRecord r, HealthReport report) {
        assertThat(r.getSessionID()).isEqualTo(report.sessionId());
        assertThat(r.getWorkerID()).isEqualTo(report.workerId());
        assertThat(r.getTimeStamp()).isEqualTo(report.timestamp());
        assertThat(r.iteration()).isEqualTo(report.iteration());
        assertThat(r.epoch()).isEqualTo(report.epoch());
        assertThat(Double.compare(r.score(), report.score())).isZero();
        assertThat(r.verdict()).isEqualTo(report.verdict());
        assertThat(r.layerCount()).isEqualTo(report.layers().size());
        for (int l = 0; l < report.layers().size(); l++) {
            LayerHealth layer = report.layers().get(l);
            assertThat(r.layerVerdict(l)).isEqualTo(layer.verdict());
            for (Figure f : Figure.values()) {
                assertThat(Float.compare((float) r.figure(l, f), (float) layer.get(f))).as("layer %d %s", l, f)
                        .isZero();
            }
        }
        assertThat(r.findings()).hasSameSizeAs(report.violations());
        List<String> expected = report.violations().stream()
                .map(v -> v.condition() + "|" + v.verdict() + "|" + v.figure() + "|" + v.value() + "|" + v.threshold())
                .sorted().collect(Collectors.toList());
        List<String> actual = r.findings().stream().map(HealthRecord.Finding::violation)
                .map(v -> v.condition() + "|" + v.verdict() + "|" + v.figure() + "|" + v.value() + "|" + v.threshold())
                .sorted().collect(Collectors.toList());
        assertThat(r.findings()).extracting(HealthRecord.Finding::violation)
                .containsExactlyInAnyOrderElementsOf(report.violations());
        assertThat(actual).isEqualTo(expected);
    }

    private static void assertSameStaticInfo(HealthStaticInfo actual, HealthStaticInfo expected) {
        assertThat(actual.getSessionID()).isEqualTo(expected.getSessionID());
        assertThat(actual.getWorkerID()).isEqualTo(expected.getWorkerID());
        assertThat(actual.getTypeID()).isEqualTo(TYPE);
        assertThat(actual.getTimeStamp()).isEqualTo(expected.getTimeStamp());
        assertThat(actual.modelClass()).isEqualTo(expected.modelClass());
        assertThat(actual.layers()).hasSameSizeAs(expected.layers());
        for (int i = 0; i < expected.layers().size(); i++) {
            HealthStaticInfo.Layer a = actual.layers().get(i);
            HealthStaticInfo.Layer e = expected.layers().get(i);
            assertThat(List.of(a.index(), a.name(), a.type(), a.activation(), a.hasWeights(), a.trainable(),
                    a.output())).isEqualTo(List.of(e.index(), e.name(), e.type(), e.activation(), e.hasWeights(),
                    e.trainable(), e.output()));
        }
        assertThat(actual.encode()).isEqualTo(expected.encode());
    }

    private static HealthRecord decoded(HealthRecord r) {
        HealthRecord copy = new HealthRecord();
        copy.decode(r.encode());
        return copy;
    }

    // --- encoding ---------------------------------------------------------------------------------------------

    @Test
    void recordRoundTripsEveryFieldFindingAndNonFiniteFigure() throws Exception {
        HealthReport report = TestReports.withEveryKindOfFinding("s-1", "w-ü", 1234567L);
        HealthRecord r = HealthRecord.of(report);
        assertRecordOf(r, report);
        assertThat(r.findings()).extracting(HealthRecord.Finding::layer).containsExactly(0, 0, -1);
        assertThat(r.findings().get(2).violation().condition()).isEqualTo(HealthCondition.NON_FINITE);
        assertThat(r.figure(1, Figure.ACTIVATION_STD)).isNaN();
        assertThat(r.figure(1, Figure.UPDATE_RATIO)).isInfinite();
        assertThat(r.score()).isNaN();

        assertSameRecord(decoded(r), r);
        assertThat(r.encodingLengthBytes()).isEqualTo(r.encode().length);

        ByteBuffer buffer = ByteBuffer.allocate(r.encodingLengthBytes());
        r.encode(buffer);
        buffer.flip();
        HealthRecord viaBuffer = new HealthRecord();
        viaBuffer.decode(buffer);
        assertSameRecord(viaBuffer, r);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.encode(out);
        HealthRecord viaStream = new HealthRecord();
        viaStream.decode(new ByteArrayInputStream(out.toByteArray()));
        assertSameRecord(viaStream, r);
    }

    @Test
    void recordOfARealFailingRunRoundTrips() {
        MultiLayerNetwork net = tiny(new ZeroInit());
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener l = train(net, storage, "zero", 1, GradientHealthListener.builder());
        HealthReport report = l.lastReport();
        assertThat(report.verdict()).isEqualTo(Verdict.FAILING);
        HealthRecord r = HealthRecord.of(report);
        assertRecordOf(r, report);
        assertSameRecord(decoded(r), r);
    }

    @Test
    void emptyRecordAndStaticInfoRoundTripWithNullIds() {
        HealthRecord empty = new HealthRecord();
        HealthRecord copy = decoded(empty);
        assertThat(copy.getSessionID()).isNull();
        assertThat(copy.getWorkerID()).isNull();
        assertThat(copy.layerCount()).isZero();
        assertThat(copy.findings()).isEmpty();
        HealthStaticInfo info = new HealthStaticInfo();
        HealthStaticInfo infoCopy = new HealthStaticInfo();
        infoCopy.decode(info.encode());
        assertSameStaticInfo(infoCopy, info);
    }

    @Test
    void badEncodingsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new HealthRecord().decode(new byte[] {7}))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HealthRecord encoding: java.io.IOException: HealthRecord encoding version 7"
                        + " is not supported (expected 1)");
        byte[] full = HealthRecord.of(TestReports.withEveryKindOfFinding("s", "w", 1)).encode();
        byte[] truncated = java.util.Arrays.copyOf(full, full.length - 3);
        assertThatThrownBy(() -> new HealthRecord().decode(truncated))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HealthRecord encoding: java.io.EOFException")
                .hasCauseInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(() -> new HealthStaticInfo().decode(new byte[] {2}))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HealthStaticInfo encoding: java.io.IOException: HealthStaticInfo encoding"
                        + " version 2 is not supported (expected 1)");
    }

    // --- storages ---------------------------------------------------------------------------------------------

    private static void assertStored(StatsStorage storage, String session, GradientHealthListener l, int n) {
        assertThat(storage.listSessionIDs()).contains(session);
        assertThat(storage.listTypeIDsForSession(session)).containsExactly(TYPE);
        assertThat(storage.listWorkerIDsForSession(session)).containsExactly("0");
        Persistable info = storage.getStaticInfo(session, TYPE, "0");
        assertThat(info).isInstanceOf(HealthStaticInfo.class);
        HealthStaticInfo s = (HealthStaticInfo) info;
        assertThat(s.modelClass()).isEqualTo(MultiLayerNetwork.class.getName());
        assertThat(s.layers()).extracting(HealthStaticInfo.Layer::name).containsExactly("0", "1", "2");
        assertThat(s.layers()).extracting(HealthStaticInfo.Layer::type)
                .containsExactly("DenseLayer", "DenseLayer", "OutputLayer");
        assertThat(s.layers()).extracting(HealthStaticInfo.Layer::output).containsExactly(false, false, true);
        assertThat(s.getTimeStamp()).isEqualTo(l.history().get(0).timestamp());
        assertThat(storage.getNumUpdateRecordsFor(session, TYPE, "0")).isEqualTo(n);
        List<Persistable> updates = storage.getAllUpdatesAfter(session, TYPE, "0", Long.MIN_VALUE);
        assertThat(updates).hasSize(n).allSatisfy(p -> assertThat(p).isInstanceOf(HealthRecord.class));
        List<HealthReport> history = l.history();
        for (int i = 0; i < n; i++) {
            HealthRecord r = (HealthRecord) updates.get(i);
            assertRecordOf(r, history.get(i));
            assertSameRecord(r, HealthRecord.of(history.get(i)));
            assertThat(r.iteration()).isEqualTo(i);
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
                GradientHealthListener.builder());
        assertThat(l.lastReport().verdict()).isEqualTo(Verdict.FAILING);
        assertStored(storage, "mem", l, 10);
    }

    @Test
    void fileStorageKeepsStaticInfoAndEveryRecordAcrossCloseAndReopen() throws Exception {
        File file = dir.resolve("health.dl4j").toFile();
        FileStatsStorage storage = new FileStatsStorage(file);
        GradientHealthListener l = train(threeLayers(new ZeroInit()), storage, "file", 10,
                GradientHealthListener.builder());
        GradientHealthListener healthy = train(threeLayers(new HeInit()), storage, "file-2", 5,
                GradientHealthListener.builder());
        assertStored(storage, "file", l, 10);
        storage.close();
        assertThat(storage.isClosed()).isTrue();

        FileStatsStorage reopened = new FileStatsStorage(file);
        try {
            assertThat(reopened.listSessionIDs()).containsExactlyInAnyOrder("file", "file-2");
            assertStored(reopened, "file", l, 10);
            assertStored(reopened, "file-2", healthy, 5);
            HealthRecord first = (HealthRecord) reopened.getAllUpdatesAfter("file", TYPE, "0", Long.MIN_VALUE).get(0);
            assertThat(first.verdict()).isEqualTo(Verdict.FAILING);
            assertThat(first.findings()).extracting(f -> f.violation().condition())
                    .contains(HealthCondition.ZERO_GRADIENT);
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
            GradientHealthListener a = train(tiny(new HeInit()), memory, "fast", 200, GradientHealthListener.builder());
            GradientHealthListener b = train(tiny(new HeInit()), disk, "fast", 200, GradientHealthListener.builder());
            for (GradientHealthListener l : List.of(a, b)) {
                List<Long> stamps = l.history().stream().map(HealthReport::timestamp).collect(Collectors.toList());
                assertThat(stamps).hasSize(200).isSorted().doesNotHaveDuplicates();
            }
            // the point of the test: iterations faster than 1 ms would collide without the listener's
            // strictly increasing timestamps
            long span = a.history().get(199).timestamp() - a.history().get(0).timestamp();
            System.out.println("200 iterations over " + span + " ms of timestamps");
            assertThat(memory.getNumUpdateRecordsFor("fast", TYPE, "0")).isEqualTo(200);
            assertThat(disk.getNumUpdateRecordsFor("fast", TYPE, "0")).isEqualTo(200);
            assertThat(memory.getAllUpdatesAfter("fast", TYPE, "0", Long.MIN_VALUE)).hasSize(200);
            assertThat(disk.getAllUpdatesAfter("fast", TYPE, "0", Long.MIN_VALUE)).hasSize(200);
        } finally {
            disk.close();
        }
        FileStatsStorage reopened = new FileStatsStorage(file);
        try {
            assertThat(reopened.getNumUpdateRecordsFor("fast", TYPE, "0")).isEqualTo(200);
        } finally {
            reopened.close();
        }
    }

    @Test
    void aConstantClockStillGivesOneRecordPerIteration() throws Exception {
        InMemoryStatsStorage memory = new InMemoryStatsStorage();
        FileStatsStorage disk = new FileStatsStorage(dir.resolve("clock.dl4j").toFile());
        try {
            GradientHealthListener a = train(tiny(new HeInit()), memory, "clock", 200,
                    GradientHealthListener.builder().clock(() -> 1000L));
            GradientHealthListener b = train(tiny(new HeInit()), disk, "clock", 200,
                    GradientHealthListener.builder().clock(() -> 1000L));
            for (GradientHealthListener l : List.of(a, b)) {
                assertThat(l.history()).extracting(HealthReport::timestamp).first().isEqualTo(1000L);
                assertThat(l.history()).extracting(HealthReport::timestamp).last().isEqualTo(1199L);
            }
            for (StatsStorage s : List.<StatsStorage>of(memory, disk)) {
                assertThat(s.getNumUpdateRecordsFor("clock", TYPE, "0")).isEqualTo(200);
                assertThat(s.getStaticInfo("clock", TYPE, "0").getTimeStamp()).isEqualTo(1000L);
                assertThat(s.getAllUpdateTimes("clock", TYPE, "0")).hasSize(200).startsWith(1000L).endsWith(1199L);
                List<Persistable> updates = s.getAllUpdatesAfter("clock", TYPE, "0", Long.MIN_VALUE);
                assertThat(updates).extracting(p -> ((HealthRecord) p).iteration())
                        .isEqualTo(java.util.stream.IntStream.range(0, 200).boxed().collect(Collectors.toList()));
            }
        } finally {
            disk.close();
        }
    }

    @Test
    void violationsInTheRecordReadLikeTheReport() {
        HealthReport report = TestReports.withEveryKindOfFinding("s", "w", 5);
        HealthRecord r = HealthRecord.of(report);
        Violation v = report.violations().stream().filter(x -> x.condition() == HealthCondition.SATURATION)
                .findFirst().orElseThrow();
        HealthRecord.Finding f = r.findings().stream()
                .filter(x -> x.violation().condition() == HealthCondition.SATURATION).findFirst().orElseThrow();
        assertThat(f.violation().message()).isEqualTo(v.message());
    }
}
