package org.dl4jinit.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsReport;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.health.GradientHealthListener;
import org.dl4jinit.health.HealthConfig;
import org.dl4jinit.init.HeInit;
import org.dl4jinit.init.ZeroInit;
import org.dl4jinit.storage.HealthRecord;
import org.dl4jinit.storage.HealthRecorder;
import org.dl4jinit.ui.GradientHealthModule;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.openjdk.jol.info.GraphLayout;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The Gradient Health page under load: with N (default 50,000) records in a session, how fast do the page's
 * JSON endpoints answer, beside DL4J's own training UI ({@code /train/overview/data} over N StatsListener
 * records) in the same run, and how many heap bytes does one record cost.
 *
 * <p>One network (784-64-32-10 ReLU MLP, He init, batch 32 of synthetic data) trains N iterations with the health
 * listener, recording every iteration into an {@code InMemoryStatsStorage}; for its first {@code --stats-real}
 * (1,000) iterations DL4J's StatsListener (every iteration) records into a second storage. StatsListener costs
 * several times the health listener per iteration, so its session is then topped up to N records with copies of
 * those real records (cycled, each with the next iteration count and a fresh timestamp) — DL4J's endpoint sees N
 * real-sized records either way. Both storages are then attached to one DL4J UI server (the Gradient Health module indexes the existing records at attach; the attach
 * time is printed). An HTTP/1.1 client on loopback then requests, round-robin so that all endpoints see the same
 * machine load, after a warm-up:
 *
 * <ul>
 *   <li>{@code /health/data?session=S} — the page's first load: verdict table and all (≤ 512) buckets;</li>
 *   <li>{@code /health/data?session=S&from=F&stride=K} — the page's one-second poll: the last bucket onwards;</li>
 *   <li>{@code /health/depth?session=S&iteration=I} — the depth profile at a random iteration;</li>
 *   <li>{@code /train/overview/data} — DL4J's overview page data for the StatsListener session.</li>
 * </ul>
 *
 * <p>Latency is the wall time from sending the request to having read the whole body. Heap bytes per record are
 * exact object-graph sizes (JOL {@code GraphLayout}) after the server stopped, divided by N: each whole storage
 * (records, map entries, keys, shared strings once), and a fresh module that indexed the health storage minus
 * that storage (the page's own index); last, the same network from all-zero weights trains 2,000 iterations into
 * a third storage, whose records all carry findings.
 *
 * <p>Options: {@code --records N} (50000), {@code --rounds N} (400 measured rounds), {@code --warmup N} (50),
 * {@code --stats-real N} (1000). 50,000 StatsListener records need more than a gigabyte of heap (the
 * {@code bench-ui} profile passes -Xmx3g).
 */
@Command(name = "health-page-benchmark", mixinStandardHelpOptions = true,
        description = "Gradient Health page endpoints vs DL4J's /train/overview/data with N records; heap per record")
public final class HealthPageBenchmark implements Callable<Integer> {

    private static final String HEALTH_SESSION = "health-bench";

    @Spec
    CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "50000",
            description = "records per session (default: ${DEFAULT-VALUE})")
    int records;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "400",
            description = "measured rounds over the four endpoints (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50",
            description = "unmeasured rounds first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--stats-real", paramLabel = "N", defaultValue = "1000",
            description = "StatsListener records from real iterations; the rest are copies (default: "
                    + "${DEFAULT-VALUE})")
    int statsReal;

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new HealthPageBenchmark()).execute(args));
    }

    /**
     * Trains, serves, measures and prints the tables.
     *
     * @return 0
     * @throws Exception if the UI server or the HTTP client fails
     */
    @Override
    public Integer call() throws Exception {
        for (Map.Entry<String, Integer> e : Map.of("--records", records, "--rounds", rounds, "--warmup", warmup,
                "--stats-real", statsReal).entrySet()) {
            if (e.getValue() < 1) {
                throw new ParameterException(spec.commandLine(), e.getKey() + " must be a positive integer, was "
                        + e.getValue());
            }
        }

        Nd4j.getRandom().setSeed(42);
        MultiLayerNetwork net = network(new HeInit());
        INDArray features = Nd4j.randn(DataType.FLOAT, 32, 784);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) {
            labels.putScalar(i, i % 10, 1.0);
        }
        DataSet batch = new DataSet(features, labels);

        InMemoryStatsStorage health = new InMemoryStatsStorage();
        InMemoryStatsStorage stats = new InMemoryStatsStorage();
        GradientHealthListener healthListener = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.to(health)).historySize(1).onWarning().onFailing().build());
        healthListener.setSessionID(HEALTH_SESSION);
        int real = Math.min(statsReal, records);
        net.setListeners(healthListener, new StatsListener(stats, 1));
        long t0 = System.nanoTime();
        for (int i = 0; i < real; i++) {
            net.fit(batch);
        }
        System.out.printf(Locale.ROOT, "%d iterations with both listeners: %.1f ms per iteration%n", real,
                (System.nanoTime() - t0) / 1e6 / real);
        net.setListeners(healthListener);
        t0 = System.nanoTime();
        for (int i = real; i < records; i++) {
            net.fit(batch);
        }
        System.out.printf(Locale.ROOT, "%d iterations with the health listener: %.1f ms per iteration%n",
                records - real, (System.nanoTime() - t0) / 1e6 / Math.max(1, records - real));
        net.setListeners();
        healthListener = null;
        replicateStatsRecords(stats, records);
        String statsSession = stats.listSessionIDs().get(0);
        System.out.printf(Locale.ROOT, "health records: %d, StatsListener records: %d%n",
                health.getNumUpdateRecordsFor(HEALTH_SESSION), stats.getNumUpdateRecordsFor(statsSession));

        VertxUIServer server = VertxUIServer.getInstance(0, false, null);
        try {
            long a = System.nanoTime();
            server.attach(health);
            System.out.printf(Locale.ROOT, "attach of the health storage (indexes %d records): %.0f ms%n", records,
                    (System.nanoTime() - a) / 1e6);
            server.attach(stats);
            String base = "http://127.0.0.1:" + server.getPort();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            get(client, base + "/train/sessions/set/" + statsSession);
            String q = "session=" + URLEncoder.encode(HEALTH_SESSION, StandardCharsets.UTF_8);
            JsonNode chart = new ObjectMapper().readTree(get(client, base + "/health/data?" + q).body)
                    .path("buckets");
            int stride = chart.path("stride").asInt();
            int buckets = chart.path("x").size();
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put("/health/data (first load)", base + "/health/data?" + q);
            endpoints.put("/health/data (poll: from, stride)", base + "/health/data?" + q + "&from=" + (buckets - 1)
                    + "&stride=" + stride);
            endpoints.put("/health/depth (random iteration)", base + "/health/depth?" + q + "&iteration=");
            endpoints.put("DL4J /train/overview/data", base + "/train/overview/data");
            System.out.printf(Locale.ROOT, "health session: %d buckets of %d records%n", buckets, stride);

            Map<String, long[]> nanos = new LinkedHashMap<>();
            Map<String, Integer> bytes = new LinkedHashMap<>();
            for (String k : endpoints.keySet()) {
                nanos.put(k, new long[rounds]);
            }
            Random random = new Random(7);
            long gcCount = 0;
            long gcMillis = 0;
            for (int r = -warmup; r < rounds; r++) {
                if (r == 0) {
                    gcCount = -gcCount();
                    gcMillis = -gcMillis();
                }
                for (Map.Entry<String, String> e : endpoints.entrySet()) {
                    String url = e.getValue().endsWith("iteration=") ? e.getValue() + random.nextInt(records)
                            : e.getValue();
                    Timed t = get(client, url);
                    if (r >= 0) {
                        nanos.get(e.getKey())[r] = t.nanos;
                        bytes.put(e.getKey(), t.body.length());
                    }
                }
            }
            gcCount += gcCount();
            gcMillis += gcMillis();
            System.out.println();
            System.out.printf(Locale.ROOT, "| endpoint (%,d records, %d rounds) | p50 ms | p95 ms | p99 ms | max ms "
                    + "| body bytes |%n", records, rounds);
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Map.Entry<String, long[]> e : nanos.entrySet()) {
                long[] v = e.getValue().clone();
                Arrays.sort(v);
                System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %,d |%n", e.getKey(),
                        pct(v, 0.50), pct(v, 0.95), pct(v, 0.99), v[v.length - 1] / 1e6, bytes.get(e.getKey()));
            }
            System.out.printf(Locale.ROOT, "garbage collections during the measured rounds: %d, %d ms in total%n",
                    gcCount, gcMillis);

        } finally {
            server.detach(health);
            server.detach(stats);
            VertxUIServer.stopInstance();
        }

        // heap, after the server stopped: exact object-graph sizes (JOL), the index without the storage it reads
        GradientHealthModule module = new GradientHealthModule();
        module.onAttach(health);
        long healthBytes = GraphLayout.parseInstance(health).totalSize();
        long statsBytes = GraphLayout.parseInstance(stats).totalSize();
        long indexBytes = GraphLayout.parseInstance(module).subtract(GraphLayout.parseInstance(health)).totalSize();
        System.out.println();
        System.out.printf(Locale.ROOT, "| heap per record (%,d records; whole storage or index / records) | bytes |%n",
                records);
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| HealthRecord in InMemoryStatsStorage (with its map entry) | %.0f |%n",
                healthBytes / (double) records);
        System.out.printf(Locale.ROOT, "| Gradient Health page index (incl. its fixed-size buckets) | %.1f |%n",
                indexBytes / (double) records);
        System.out.printf(Locale.ROOT, "| StatsListener record in InMemoryStatsStorage | %.0f |%n",
                statsBytes / (double) records);
        int failingRecords = Math.min(records, 2_000);
        InMemoryStatsStorage failing = failingRun(batch, failingRecords);
        HealthRecord last = (HealthRecord) failing.getLatestUpdateAllWorkers("failing", HealthRecord.TYPE_ID).get(0);
        System.out.printf(Locale.ROOT, "| HealthRecord of the same network from zero weights (every layer failing, "
                + "%d findings; %,d records) | %.0f |%n", last.report(null).violations().size(), failingRecords,
                GraphLayout.parseInstance(failing).totalSize() / (double) failingRecords);
        return 0;
    }

    /** The benchmark's network from all-zero weights: every layer fails, so every record carries findings. */
    private static InMemoryStatsStorage failingRun(DataSet batch, int iterations) {
        MultiLayerNetwork net = network(new ZeroInit());
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        GradientHealthListener health = new GradientHealthListener(HealthConfig.builder()
                .subscribe(HealthRecorder.to(storage)).historySize(1).onWarning().onFailing().build());
        health.setSessionID("failing");
        net.setListeners(health);
        for (int i = 0; i < iterations; i++) {
            net.fit(batch);
        }
        net.setListeners();
        return storage;
    }

    private static MultiLayerNetwork network(IWeightInit init) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .updater(new Nesterovs(0.01, 0.9)).weightInit(init).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(64).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(64).nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(32).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * Tops the StatsListener session up to {@code records} update records: copies (encode/decode) of the real
     * records, cycled in order, each with the next iteration count and a timestamp 1 ms after the previous one.
     */
    private static void replicateStatsRecords(InMemoryStatsStorage stats, int records) {
        String session = stats.listSessionIDs().get(0);
        String type = stats.listTypeIDsForSession(session).get(0);
        String worker = stats.listWorkerIDsForSession(session).get(0);
        List<Persistable> real = stats.getAllUpdatesAfter(session, type, worker, Long.MIN_VALUE);
        long ts = real.get(real.size() - 1).getTimeStamp();
        for (int k = real.size(); k < records; k++) {
            SbeStatsReport copy = new SbeStatsReport();
            copy.decode(real.get(k % real.size()).encode());
            copy.reportIDs(session, type, worker, ++ts);
            copy.reportIterationCount(k);
            stats.putUpdate(copy);
        }
    }

    private static final class Timed {
        final long nanos;
        final String body;

        Timed(long nanos, String body) {
            this.nanos = nanos;
            this.body = body;
        }
    }

    private static Timed get(HttpClient client, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
        long t = System.nanoTime();
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        long dt = System.nanoTime() - t;
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return new Timed(dt, r.body());
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, b.getCollectionTime());
        }
        return n;
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
