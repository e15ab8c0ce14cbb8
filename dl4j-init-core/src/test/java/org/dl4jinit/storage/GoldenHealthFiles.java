package org.dl4jinit.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.TestReports;
import org.dl4jinit.init.ZeroInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Writes the golden records and static infos of the current format version that {@link HealthFormatGoldenTest}
 * decodes: once per format version, into {@code src/test/resources/golden/health/v<VERSION>/}, committed. Run it
 * when a new version is introduced (the older versions' files stay, and must keep decoding):
 *
 * <pre>  java -cp "$(test classpath)" org.dl4jinit.storage.GoldenHealthFiles dl4j-init-core/src/test/resources/golden/health/v2</pre>
 */
public final class GoldenHealthFiles {

    static final String SESSION = "golden";
    static final String WORKER = "w0";
    static final long EVERY_KIND_TIME = 1_700_000_000_001L;
    static final long ZERO_INIT_TIME = 1_700_000_000_000L;

    private GoldenHealthFiles() {
    }

    /** The report every version's "every kind" files encode (v1's from that version's hand-made report). */
    static HealthReport everyKind() {
        return TestReports.withEveryKindOfFinding(SESSION, WORKER, EVERY_KIND_TIME);
    }

    /** The zero-initialized tanh-relu-softmax network of every version's "zero init" files (layer 1 is "enc"). */
    static MultiLayerNetwork zeroInit() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Sgd(0.1)).weightInit(new ZeroInit()).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(4).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().name("enc").nIn(4).nOut(3).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        return net;
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
        System.exit(0);
    }

    static void write(Path out) throws IOException {
        Files.createDirectories(out);
        Files.write(out.resolve("record-every-kind.bin"), HealthRecord.of(everyKind()).encode());
        Files.write(out.resolve("static-info-every-kind.bin"), HealthStaticInfo.of(everyKind()).encode());
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener listener = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.to(storage)).clock(() -> ZERO_INIT_TIME).build());
        listener.setSessionID(SESSION);
        listener.setWorkerID(WORKER);
        MultiLayerNetwork net = zeroInit();
        net.setListeners(listener);
        Nd4j.getRandom().setSeed(7);
        net.fit(new DataSet(Nd4j.randn(DataType.FLOAT, 2, 4), Nd4j.create(new float[][] {{1, 0}, {0, 1}})));
        Persistable record = storage.getLatestUpdate(SESSION, HealthRecord.TYPE_ID, WORKER);
        Files.write(out.resolve("record-zero-init.bin"), record.encode());
        Files.write(out.resolve("static-info.bin"),
                storage.getStaticInfo(SESSION, HealthRecord.TYPE_ID, WORKER).encode());
    }
}
