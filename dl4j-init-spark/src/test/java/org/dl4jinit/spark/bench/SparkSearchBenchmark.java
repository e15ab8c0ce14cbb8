package org.dl4jinit.spark.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.arbiter.scoring.impl.TestSetLossScoreFunction;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.dl4jinit.examples.cli.SearchArgs;
import org.dl4jinit.examples.cli.SweepArgs;
import org.dl4jinit.examples.sweep.FashionMnistSearch;
import org.dl4jinit.examples.sweep.FashionMnistSweep;
import org.dl4jinit.examples.sweep.SearchOptions;
import org.dl4jinit.examples.sweep.SweepOptions;
import org.dl4jinit.init.XavierInit;
import org.dl4jinit.spark.LocalCluster;
import org.dl4jinit.spark.sweep.SparkRungExecutor;
import org.dl4jinit.sweep.LocalRungExecutor;
import org.dl4jinit.sweep.ModelType;
import org.dl4jinit.sweep.PruningTaskListener;
import org.dl4jinit.sweep.RungExecutor;
import org.dl4jinit.sweep.RungJob;
import org.dl4jinit.sweep.RungResult;
import org.dl4jinit.sweep.RungTrainer;
import org.dl4jinit.sweep.SweepReport;
import org.dl4jinit.sweep.SweepResult;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The search on Spark against the search in one JVM, on Fashion-MNIST: the first {@code --candidates} candidates
 * of the ASHA benchmark's random list ({@link FashionMnistSearch#space}: initializer family × scale or gain over
 * decades × {ReLU, tanh} × depth {3, 12, 30}, width 128, seed 42), each trained {@code --max-budget} iterations
 * with health pruning, on the same loaded data in one JVM, one after the other: (a) {@link LocalRungExecutor} at
 * concurrency 1, (b) Spark {@code local[1]}, (c) Spark {@code local[2]} (each job a Spark task, models as bytes
 * between jobs, one ND4J thread per task; each context warmed by one empty job, the broadcast of the data counted
 * in the arm). Prints each arm's wall time and iterations per second, the speed-up of
 * (c) over (b), and whether all three gave every candidate the same outcome, iterations and score. With
 * {@code --executor-jvms} also (d) one and (e) two executor JVMs of one core each (Spark's local-cluster master,
 * executors started from this JVM's classpath), and the speed-up of (e) over (d): in local[2] both tasks share
 * the driver's JVM.
 *
 * <p>Then Spark's per-job overhead on {@code local[2]}, warmed, median of {@code --overhead-repeats}: an empty
 * Spark job of one task (parallelize, map, collect, as a rung job runs), and the smallest candidate (784-16-10
 * MLP, one iteration, scored on {@code --test} images) through a {@link SparkRungExecutor} against
 * {@link RungTrainer#run} called directly; and the state a job of the space's largest network carries (bytes,
 * ModelSerializer save and restore times).
 *
 * <p>Command (docs/benchmarks.md): {@code mvn -B -ntp -pl dl4j-init-spark -am package -DskipTests -Pbench-spark}.
 */
@Command(name = "spark-search-benchmark", mixinStandardHelpOptions = true,
        description = "Fashion-MNIST search on Spark local[1] vs local[2] vs one JVM, and Spark's per-job overhead")
public final class SparkSearchBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SweepArgs sweep;

    @Mixin
    SearchArgs search;

    @Option(names = "--executor-jvms", description = "also (d) one and (e) two executor JVMs of one core each "
            + "(Spark's local-cluster master; needs SPARK_HOME with a jars/ folder, which the profile sets)")
    boolean executorJvms;

    @Option(names = "--overhead-repeats", paramLabel = "N", defaultValue = "30",
            description = "jobs per overhead measurement, after as many warm-up jobs (default: ${DEFAULT-VALUE})")
    int repeats;

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkSearchBenchmark()).execute(args));
    }

    /** One arm's outcome. */
    private record Arm(String name, SweepReport report) {
        double seconds() {
            return report.wallMillis() / 1000.0;
        }

        double rate() {
            return report.iterations() / seconds();
        }

        /** @return the candidates' time inside their jobs (build, train, score; not saving the state), s */
        double inJobs() {
            return report.results().stream().mapToLong(SweepResult::wallMillis).sum() / 1000.0;
        }
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        SweepOptions base = sweep.options(spec.commandLine(), null);
        SearchOptions s = search.options(spec.commandLine(), base, SearchOptions.defaults()
                .withScheduler(SearchOptions.Scheduler.RANDOM).withCandidates(16).withMaxIterations(180)
                .withConcurrency(1)).withScheduler(SearchOptions.Scheduler.RANDOM);
        FashionMnistSweep.Data data = FashionMnistSweep.Data.load(base);
        // JIT and ND4J warm-up, not measured
        FashionMnistSearch.run(base, s.withCandidates(3).withMaxIterations(20), data, null);

        List<Arm> arms = new ArrayList<>();
        arms.add(new Arm("(a) one JVM, concurrency 1", FashionMnistSearch.run(base, s, data, null,
                t -> new LocalRungExecutor(t, 1))));
        arms.add(onSpark("(b) Spark local[1]", "local[1]", base, s, data));
        arms.add(onSpark("(c) Spark local[2]", "local[2]", base, s, data));
        if (executorJvms) {
            arms.add(onCluster("(d) local-cluster, 1 JVM", 1, base, s, data));
            arms.add(onCluster("(e) local-cluster, 2 JVMs", 2, base, s, data));
        }

        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n%-28s %9s %11s %13s %12s%n", "arm",
                "wall s", "iterations", "iterations/s", "in jobs s"));
        for (Arm a : arms) {
            sb.append(String.format(Locale.ROOT, "%-28s %9.1f %11d %13.1f %12.1f%n", a.name(), a.seconds(),
                    a.report().iterations(), a.rate(), a.inJobs()));
        }
        Arm one = arms.get(1);
        Arm two = arms.get(2);
        sb.append(String.format(Locale.ROOT, "speed-up local[2] over local[1]: %.2fx (wall %.2fx); Spark local[1] "
                + "over one JVM: %.3fx wall; same outcome, iterations and score in all arms: %d of %d%n",
                two.rate() / one.rate(), one.seconds() / two.seconds(), one.seconds() / arms.get(0).seconds(),
                same(arms), s.candidates()));
        if (executorJvms) {
            sb.append(String.format(Locale.ROOT, "speed-up 2 executor JVMs over 1 (local-cluster, one core each): "
                    + "%.2fx (wall %.2fx)%n", arms.get(4).rate() / arms.get(3).rate(),
                    arms.get(3).seconds() / arms.get(4).seconds()));
        }
        sb.append(String.format(Locale.ROOT, "%d candidates, %s with health pruning; options %s%n", s.candidates(),
                s.schedule(base), base));
        System.out.print(sb);
        System.out.print(overhead(base, data));
        return 0;
    }

    private static Arm onSpark(String name, String master, SweepOptions base, SearchOptions s,
            FashionMnistSweep.Data data) {
        JavaSparkContext sc = context(master);
        try {
            sc.parallelize(List.of(1, 2), 2).count(); // the context's first job (JIT, task launch), not measured
            return new Arm(name, FashionMnistSearch.run(base, s, data, null, t -> SparkRungExecutor.on(sc, t)));
        } finally {
            sc.stop();
        }
    }

    private static Arm onCluster(String name, int executors, SweepOptions base, SearchOptions s,
            FashionMnistSweep.Data data) throws Exception {
        JavaSparkContext sc = LocalCluster.start(executors, 3072, "spark-search-benchmark");
        try {
            sc.parallelize(List.of(1, 2), 2).count(); // the context's first job (JIT, task launch), not measured
            return new Arm(name, FashionMnistSearch.run(base, s, data, null, t -> SparkRungExecutor.on(sc, t)));
        } finally {
            sc.stop();
        }
    }

    private static JavaSparkContext context(String master) {
        return LocalCluster.local(master, "spark-search-benchmark");
    }

    private static int same(List<Arm> arms) {
        int same = 0;
        List<SweepResult> first = arms.get(0).report().results();
        outer:
        for (int i = 0; i < first.size(); i++) {
            SweepResult a = first.get(i);
            for (Arm arm : arms) {
                SweepResult b = arm.report().results().get(i);
                if (a.outcome() != b.outcome() || a.iterations() != b.iterations()
                        || Double.compare(a.score(), b.score()) != 0) {
                    continue outer;
                }
            }
            same++;
        }
        return same;
    }

    /** Spark's per-job overhead on local[2]: an empty job, and the smallest candidate against a direct call. */
    private String overhead(SweepOptions base, FashionMnistSweep.Data data) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).weightInit(new XavierInit())
                .updater(new Nesterovs(0.01, 0.9)).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build();
        RungTrainer trainer = new RungTrainer(data.sweepData(base), new TestSetLossScoreFunction(true),
                PruningTaskListener.quietHealth(), null);
        RungJob job = new RungJob(0, 0, ModelType.MULTI_LAYER_NETWORK, conf.toJson(), 1L, 0, 1, null, null);
        double direct;
        try (RungExecutor local = new LocalRungExecutor(trainer, 1)) { // one ND4J thread, as the tasks
            direct = median(() -> trainer.run(job));
        }
        JavaSparkContext sc = context("local[2]");
        try {
            Broadcast<Integer> b = sc.broadcast(1);
            double empty = median(() -> sc.parallelize(List.of(1), 1).map(x -> x + b.value()).collect());
            double candidate;
            try (SparkRungExecutor e = SparkRungExecutor.on(sc, trainer)) {
                candidate = median(() -> {
                    RungResult r = e.submit(job).toCompletableFuture().join();
                    if (r.status() != RungResult.Status.SCORED) {
                        throw new IllegalStateException("the overhead candidate did not score: " + r);
                    }
                });
            }
            return String.format(Locale.ROOT, "%nper-job overhead on local[2], median of %d after %d warm-up: empty "
                    + "Spark job of one task %.2f ms; smallest candidate (784-16-10, 1 iteration, scored on %d test "
                    + "images) on Spark %.2f ms vs %.2f ms called directly: Spark adds %.2f ms per job%n", repeats,
                    repeats, empty, base.testExamples(), candidate, direct, candidate - direct) + state(base);
        } finally {
            sc.stop();
        }
    }

    /**
     * The state a job of the space's largest network carries (30 layers of width 128 on 784 inputs, Nesterov's
     * momentum): ModelSerializer bytes, save and restore times.
     */
    private String state(SweepOptions base) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().seed(1)
                .weightInit(new XavierInit()).updater(new Nesterovs(0.01, 0.9)).list();
        for (int i = 0; i < 29; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? 784 : base.width()).nOut(base.width())
                    .activation(Activation.TANH).build());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(base.width()).nOut(10).activation(Activation.SOFTMAX).build()).build());
        net.init();
        net.fit(Nd4j.rand(DataType.FLOAT, 64, 784), Nd4j.eye(10).repeat(0, 7).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64), org.nd4j.linalg.indexing.NDArrayIndex.all()));
        byte[][] bytes = new byte[1][];
        double save = median(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ModelSerializer.writeModel(net, out, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes[0] = out.toByteArray();
        });
        double restore = median(() -> {
            try {
                ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes[0]), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return String.format(Locale.ROOT, "state of the space's largest network (30 layers of width %d, %d "
                + "parameters, Nesterov): %.2f MB, save %.1f ms, restore %.1f ms (medians of %d)%n", base.width(),
                net.numParams(), bytes[0].length / 1e6, save, restore, repeats);
    }

    private double median(Runnable r) {
        for (int i = 0; i < repeats; i++) {
            r.run();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return repeats % 2 == 1 ? ms[repeats / 2] : (ms[repeats / 2 - 1] + ms[repeats / 2]) / 2;
    }
}
