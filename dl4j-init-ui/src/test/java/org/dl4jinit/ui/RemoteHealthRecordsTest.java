package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthStaticInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Health records posted by {@link RemoteUIStatsStorageRouter} from this JVM arrive, byte for byte, at a DL4J UI
 * server with the remote listener enabled in a second JVM ({@link RemoteReceiverMain}) on loopback, and that
 * JVM's Gradient Health page ({@code /health/data}) shows all of them; the
 * receiving side restores them by class name, so dl4j-init-core must be on its classpath (it is: this test
 * classpath).
 */
@Timeout(120)
class RemoteHealthRecordsTest {

    private static final int RECORDS = 30;
    private static final String SESSION = "remote-health";

    private Process receiver;

    @AfterEach
    void killReceiver() throws Exception {
        if (receiver != null && receiver.isAlive()) {
            receiver.destroy();
            if (!receiver.waitFor(5, TimeUnit.SECONDS)) {
                receiver.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Lines of the child's stdout, read by a daemon thread so the test can wait with a timeout. */
    private static BlockingQueue<String> lines(Process p) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    queue.add(line);
                }
            } catch (Exception e) {
                queue.add("READ-ERROR " + e);
            }
            queue.add("EOF");
        }, "receiver-stdout");
        t.setDaemon(true);
        t.start();
        return queue;
    }

    private static List<String> until(BlockingQueue<String> queue, String marker, long seconds) throws Exception {
        List<String> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String line = queue.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            out.add(line);
            if (line.startsWith(marker) || line.equals("EOF")) {
                return out;
            }
        }
        throw new AssertionError("no " + marker + " from the receiver within " + seconds + " s; got " + out);
    }

    @Test
    void recordsPostedFromThisJvmArriveIdenticalInAUiServerInAnotherJvm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                RemoteReceiverMain.class.getName(), SESSION, Integer.toString(RECORDS), "60");
        pb.redirectErrorStream(true);
        receiver = pb.start();
        BlockingQueue<String> out = lines(receiver);
        List<String> start = until(out, "PORT ", 60);
        String portLine = start.get(start.size() - 1);
        assertThat(portLine).as("receiver output %s", start).startsWith("PORT ");
        int port = Integer.parseInt(portLine.substring(5).trim());

        RemoteUIStatsStorageRouter router = new RemoteUIStatsStorageRouter("http://127.0.0.1:" + port);
        GradientHealthListener listener = TestNets.listener(router, SESSION);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(61)
                .updater(new Sgd(0.1)).weightInit(XavierInit.uniform()).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nIn(8).nOut(3).activation(Activation.SOFTMAX)
                        .build())
                .build());
        net.init();
        net.setListeners(listener);
        Nd4j.getRandom().setSeed(61);
        DataSet batch = new DataSet(Nd4j.randn(DataType.FLOAT, 12, 6),
                Nd4j.eye(3).castTo(DataType.FLOAT).repeat(0, 4));
        for (int i = 0; i < RECORDS; i++) {
            net.fit(batch);
        }
        List<String> received;
        try {
            received = until(out, "DONE", 90);
        } finally {
            router.shutdown();
        }
        List<String> ours = received.stream().filter(l -> l.matches("^(WORKERS|STATIC|RECORD|COUNT|PAGE|DONE).*"))
                .collect(Collectors.toList());
        System.out.println(String.join("\n", received.stream().filter(l -> !l.startsWith("RECORD"))
                .collect(Collectors.toList())));

        assertThat(ours).contains("WORKERS 0", "COUNT " + RECORDS, "DONE");
        // the receiving JVM's Gradient Health page indexed every remote record (tanh + softmax, Xavier: healthy)
        assertThat(ours).contains("PAGE records=" + RECORDS + " layers=HEALTHY,HEALTHY");
        List<HealthReport> history = listener.history();
        assertThat(history).hasSize(RECORDS);
        String staticLine = ours.stream().filter(l -> l.startsWith("STATIC ")).findFirst().orElseThrow();
        HealthStaticInfo info = new HealthStaticInfo();
        info.decode(Base64.getDecoder().decode(staticLine.substring("STATIC 0 ".length())));
        assertThat(info.getSessionID()).isEqualTo(SESSION);
        assertThat(info.modelType()).isEqualTo(MultiLayerNetwork.class.getName());
        assertThat(info.layers()).extracting(LayerInfo::type).containsExactly("DenseLayer", "OutputLayer");
        assertThat(info.getTimeStamp()).isEqualTo(history.get(0).timestamp());

        List<String> records = ours.stream().filter(l -> l.startsWith("RECORD 0 ")).map(l -> l.substring(9))
                .collect(Collectors.toList());
        assertThat(records).hasSize(RECORDS);
        assertThat(records.stream().map(l -> Integer.parseInt(l.split(" ")[0])).collect(Collectors.toList()))
                .isEqualTo(IntStream.range(0, RECORDS).boxed().collect(Collectors.toList()));
        for (int i = 0; i < RECORDS; i++) {
            byte[] bytes = Base64.getDecoder().decode(records.get(i).split(" ")[1]);
            assertThat(bytes).as("record %d", i).isEqualTo(HealthRecord.of(history.get(i)).encode());
        }
    }
}
