package org.dl4jinit.spark.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
 * in the arm), {@code --rounds} times. Prints each arm's wall time, iterations per second, time inside the jobs
 * and this JVM's CPU time by thread group (training, JIT, garbage collector, others), the speed-up of (c) over
 * (b), whether all arms gave every candidate the same outcome, iterations and score, and the speed-up the list's
 * order and (b)'s job times allow on two slots ({@link #listBound}); after the rounds, the medians of rounds 2 on. With
 * {@code --executor-jvms} also (d) one and (e) two executor JVMs of one core each (Spark's local-cluster master,
 * executors started from this JVM's classpath, warmed by {@code --warmups} whole searches). With
 * {@code --pinned R}, local[1] on one core against local[2] on two, each in a JVM of its own ({@code taskset},
 * warmed by {@code --warmups} whole searches), R times each: in one JVM, local[1]'s single task has the second
 * core to itself for the garbage collector, the JIT and ND4J's deallocator threads.
 *
 * <p>And, measured before the searches, Spark's per-job overhead on {@code local[2]}, warmed, median of
 * {@code --overhead-repeats}: an empty Spark job of one task (parallelize, map, collect, as a rung job runs), and
 * the smallest candidate (784-16-10 MLP, one iteration, scored on {@code --test} images, its last job: no state
 * saved) through a {@link SparkRungExecutor} against a {@link LocalRungExecutor} of one thread; and the state a
 * job of the space's largest network carries (bytes, ModelSerializer save and restore times).
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

    @Option(names = "--scheduler", paramLabel = "S", defaultValue = "random",
            description = "random (the first --candidates of the ASHA benchmark's list, full budget), grid (the "
                    + "24-candidate grid of dl4j-init sweep) or asha (default: ${DEFAULT-VALUE})")
    SearchOptions.Scheduler scheduler;

    @Option(names = "--executor-jvms", description = "also (d) one and (e) two executor JVMs of one core each "
            + "(Spark's local-cluster master; needs SPARK_HOME with a jars/ folder, which the profile sets)")
    boolean executorJvms;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "2",
            description = "times every arm runs, one round after the other; the first round also warms the JIT "
                    + "(default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--pinned", paramLabel = "R", defaultValue = "0",
            description = "also R times each, alternating, in JVMs of their own: Spark local[1] on one core "
                    + "(taskset -c 0, -XX:ActiveProcessorCount=1) and local[2] on two (taskset -c 0,1), so that "
                    + "one slot has one core, shared with its JVM's garbage collector, JIT and Spark threads "
                    + "(default: ${DEFAULT-VALUE})")
    int pinned;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "3",
            description = "whole searches each JVM of --pinned and each local-cluster of --executor-jvms runs "
                    + "before the one it measures: after one, the JIT still compiles DL4J through the next "
                    + "(default: ${DEFAULT-VALUE})")
    int warmups;

    /** Set in the JVMs {@code --pinned} starts: run this master only, print one result line. */
    @Option(names = "--arm", hidden = true)
    String arm;

    @Option(names = "--overhead-repeats", paramLabel = "N", defaultValue = "30",
            description = "jobs per overhead measurement, after as many warm-up jobs (default: ${DEFAULT-VALUE})")
    int repeats;

    /**
     * @param args see the class documentation
     */
    public static void main(String[] args) {
        SparkSearchBenchmark.args = args.clone();
        System.exit(new CommandLine(new SparkSearchBenchmark()).setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    /** This JVM's arguments, passed on to the JVMs of {@code --pinned}. */
    private static String[] args = new String[0];

    /** The line a pinned JVM prints: master, wall ms, iterations, digest of the results. */
    private static final String RESULT = "pinned-arm-result";

    /** One arm's outcome and this JVM's CPU time while it ran (executor JVMs of local-cluster arms not in it). */
    private record Arm(String name, SweepReport report, Cpu cpu) {
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
                .withScheduler(scheduler).withCandidates(16).withMaxIterations(180).withConcurrency(1));
        if (pinned > 0) {
            requirePinning(); // before minutes of work
        }
        FashionMnistSweep.Data data = FashionMnistSweep.Data.load(base);
        if (arm != null) {
            for (int i = 0; i < warmups; i++) {
                onSpark("warm-up", arm, base, s, data); // JIT, ND4J and Spark warm-up, not measured
            }
            SweepReport r = onSpark(arm, arm, base, s, data).report();
            System.out.printf(Locale.ROOT, "%s %s %d %d %s%n", RESULT, arm, r.wallMillis(), r.iterations(),
                    digest(r));
            return 0;
        }
        // JIT and ND4J warm-up, not measured
        FashionMnistSearch.run(base, s.withCandidates(3).withMaxIterations(20), data, null);
        // before the searches: after them, the one-JVM side of it measured up to 3× slower than in a fresh JVM
        String overhead = overhead(base, data);

        StringBuilder sb = new StringBuilder();
        int candidates = 0;
        List<double[]> warmed = new ArrayList<>(); // rates of (b) and (c) in rounds 2..
        for (int round = 1; round <= rounds; round++) {
            List<Arm> arms = new ArrayList<>();
            arms.add(timed("(a) one JVM, concurrency 1", () -> FashionMnistSearch.run(base, s, data, null,
                    t -> new LocalRungExecutor(t, 1))));
            arms.add(onSpark("(b) Spark local[1]", "local[1]", base, s, data));
            arms.add(onSpark("(c) Spark local[2]", "local[2]", base, s, data));
            if (executorJvms) {
                arms.add(onCluster("(d) local-cluster, 1 JVM", 1, base, s, data));
                arms.add(onCluster("(e) local-cluster, 2 JVMs", 2, base, s, data));
            }
            sb.append(table(round, arms));
            if (scheduler != SearchOptions.Scheduler.ASHA) { // one job per candidate
                sb.append(String.format(Locale.ROOT, "at most %.2fx for this list on 2 slots: its jobs in order, "
                        + "each to the first free slot, with local[1]'s job times%n",
                        listBound(arms.get(1).report().results().stream().mapToLong(SweepResult::wallMillis)
                                .toArray(), 2)));
            }
            candidates = arms.get(0).report().results().size();
            if (round > 1) {
                warmed.add(new double[] {arms.get(1).rate(), arms.get(2).rate()});
            }
        }
        if (warmed.size() > 1) {
            double one = median(warmed.stream().mapToDouble(r -> r[0]).toArray());
            double two = median(warmed.stream().mapToDouble(r -> r[1]).toArray());
            sb.append(String.format(Locale.ROOT, "%nrounds 2-%d, medians: local[1] %.1f, local[2] %.1f iterations/s;"
                    + " speed-up %.2fx%n", rounds, one, two, two / one));
        }
        sb.append(String.format(Locale.ROOT, "%s search of %d candidates, %s with health pruning; options %s%n",
                s.scheduler().toString().toLowerCase(Locale.ROOT), candidates, s.schedule(base), base));
        System.out.print(sb);
        if (pinned > 0) {
            System.out.print(pinned());
        }
        System.out.print(overhead);
        System.out.printf(Locale.ROOT, "this JVM: peak resident memory %s; JavaCPP maxBytes %d MB, maxPhysicalBytes "
                + "%d MB (0: no check of the process's resident memory per allocation)%n", peakResident(),
                org.bytedeco.javacpp.Pointer.maxBytes() >> 20, org.bytedeco.javacpp.Pointer.maxPhysicalBytes() >> 20);
        return 0;
    }

    /**
     * Spark local[1] on one core against local[2] on two, each in a JVM of its own started with this JVM's flags
     * and arguments, {@link #pinned} times each, alternating which goes first; each JVM runs {@link #warmups} whole
     * searches and measures the next.
     */
    private String pinned() throws IOException, InterruptedException {
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        // this JVM's arguments but those that concern the arms in this JVM only
        List<String> own = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--pinned") || a.equals("--rounds")) {
                i++; // and its value
            } else if (!a.equals("--executor-jvms") && !a.startsWith("--pinned=") && !a.startsWith("--rounds=")) {
                own.add(a);
            }
        }
        Map<String, List<long[]>> runs = new HashMap<>();
        List<String> digests = new ArrayList<>();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%npinned: local[1] on core 0, local[2] on "
                + "cores 0-1, each in its own JVM (%d warm-up searches, then the measured one)%n"
                + "%-12s %-9s %8s %11s %13s%n", warmups, "repeat", "master", "wall s", "iterations", "iterations/s"));
        for (int r = 1; r <= pinned; r++) {
            List<Integer> order = r % 2 == 1 ? List.of(1, 2) : List.of(2, 1);
            for (int slots : order) {
                String master = "local[" + slots + "]";
                List<String> cmd = new ArrayList<>(List.of("taskset", "-c", slots == 1 ? "0" : "0,1",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:ActiveProcessorCount=" + slots));
                cmd.addAll(jvm);
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), getClass().getName()));
                cmd.addAll(own);
                cmd.addAll(List.of("--arm", master));
                String[] line = child(cmd);
                long[] run = {Long.parseLong(line[2]), Long.parseLong(line[3])};
                runs.computeIfAbsent(master, k -> new ArrayList<>()).add(run);
                digests.add(line[4]);
                sb.append(String.format(Locale.ROOT, "%-12d %-9s %8.1f %11d %13.1f%n", r, master, run[0] / 1e3,
                        run[1], run[1] * 1e3 / run[0]));
            }
        }
        double one = medianRate(runs.get("local[1]"));
        double two = medianRate(runs.get("local[2]"));
        sb.append(String.format(Locale.ROOT, "speed-up local[2] on two cores over local[1] on one (medians of %d): "
                + "%.2fx; same outcome, iterations and score in every run: %s%n", pinned, two / one,
                digests.stream().distinct().count() == 1));
        return sb.toString();
    }

    /** @throws IllegalStateException unless this machine has 2 cores and util-linux's taskset runs */
    private void requirePinning() throws InterruptedException {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            throw new IllegalStateException("--pinned " + pinned + " needs 2 cores, this JVM sees "
                    + Runtime.getRuntime().availableProcessors());
        }
        try {
            if (new ProcessBuilder("taskset", "-c", "0", "true").start().waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // not installed: below
        }
        throw new IllegalStateException("--pinned " + pinned + " needs util-linux's taskset on the PATH to pin a "
                + "JVM to cores (taskset -c 0 true failed); run without --pinned");
    }

    /** Runs one pinned JVM; its log goes to a file, shown if it fails. */
    private static String[] child(List<String> cmd) throws IOException, InterruptedException {
        Path log = Files.createTempFile("spark-search-benchmark-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        List<String> lines = Files.readAllLines(log);
        String found = lines.stream().filter(l -> l.startsWith(RESULT + " ")).findFirst().orElse(null);
        if (exit != 0 || found == null) {
            throw new IllegalStateException("pinned run " + String.join(" ", cmd.subList(0, 3)) + " … exited "
                    + exit + " without a result; its log: " + log + "\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        Files.delete(log);
        return found.split(" ");
    }

    private static double medianRate(List<long[]> runs) {
        return median(runs.stream().mapToDouble(r -> r[1] * 1e3 / r[0]).toArray());
    }

    /** @return a digest of every candidate's outcome, iterations and score */
    private static String digest(SweepReport r) {
        List<String> parts = new ArrayList<>();
        for (SweepResult x : r.results()) {
            parts.add(x.outcome() + ":" + x.iterations() + ":" + Double.doubleToLongBits(x.score()));
        }
        return Integer.toHexString(parts.hashCode());
    }

    /** @return VmHWM of /proc/self/status, or "unknown" */
    private static String peakResident() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One round's table: per arm wall, iterations, time in jobs, and this JVM's CPU by thread group. */
    private static String table(int round, List<Arm> arms) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nround %d%n%-28s %7s %10s %12s %9s %7s "
                + "%7s %7s %7s %7s%n", round, "arm", "wall s", "iterations", "iterations/s", "in jobs s", "CPU s",
                "tasks s", "JIT s", "GC s", "other s"));
        for (Arm a : arms) {
            sb.append(String.format(Locale.ROOT, "%-28s %7.1f %10d %12.1f %9.1f %7.1f %7.1f %7.1f %7.1f %7.1f%n",
                    a.name(), a.seconds(), a.report().iterations(), a.rate(), a.inJobs(), a.cpu().total(),
                    a.cpu().tasks(), a.cpu().jit(), a.cpu().gc(), a.cpu().other()));
        }
        Arm one = arms.get(1);
        Arm two = arms.get(2);
        sb.append(String.format(Locale.ROOT, "speed-up local[2] over local[1]: %.2fx (wall %.2fx); Spark local[1] "
                + "over one JVM: %.3fx wall; same outcome, iterations and score in all arms: %d of %d%n",
                two.rate() / one.rate(), one.seconds() / two.seconds(), one.seconds() / arms.get(0).seconds(),
                same(arms), arms.get(0).report().results().size()));
        if (arms.size() > 3) {
            sb.append(String.format(Locale.ROOT, "speed-up 2 executor JVMs over 1 (local-cluster, one core each): "
                    + "%.2fx (wall %.2fx)%n", arms.get(4).rate() / arms.get(3).rate(),
                    arms.get(3).seconds() / arms.get(4).seconds()));
        }
        return sb.toString();
    }

    private static Arm onSpark(String name, String master, SweepOptions base, SearchOptions s,
            FashionMnistSweep.Data data) throws Exception {
        JavaSparkContext sc = context(master);
        try {
            sc.parallelize(List.of(1, 2), 2).count(); // the context's first job (JIT, task launch), not measured
            return timed(name, () -> FashionMnistSearch.run(base, s, data, null, t -> SparkRungExecutor.on(sc, t)));
        } finally {
            sc.stop();
        }
    }

    private Arm onCluster(String name, int executors, SweepOptions base, SearchOptions s,
            FashionMnistSweep.Data data) throws Exception {
        JavaSparkContext sc = LocalCluster.start(executors, 3072, "spark-search-benchmark");
        try {
            // fresh executor JVMs: the JIT compiles DL4J, the broadcast arrives; whole searches, not measured
            for (int i = 0; i < warmups; i++) {
                FashionMnistSearch.run(base, s, data, null, t -> SparkRungExecutor.on(sc, t));
            }
            return timed(name, () -> FashionMnistSearch.run(base, s, data, null, t -> SparkRungExecutor.on(sc, t)));
        } finally {
            sc.stop();
        }
    }

    /** @return the search's report with this JVM's CPU time by thread group while it ran */
    private static Arm timed(String name, Callable<SweepReport> search) throws Exception {
        Map<String, Long> before = Cpu.threads();
        long process = Cpu.process();
        SweepReport report = search.call();
        return new Arm(name, report, Cpu.since(before, process));
    }

    /**
     * CPU seconds of this JVM by thread group, from Linux's {@code /proc/self/stat} and
     * {@code /proc/self/task/<tid>/stat} (utime + stime, in clock ticks of 1/100 s): the JIT compilers, the
     * garbage collector's threads (parallel, concurrent and refinement), all other named threads that live on
     * (Spark's scheduler, ND4J's deallocators, the sweep's driver), and the rest, the threads that train
     * ({@code LocalRungExecutor}'s pool and Spark's task threads, some of which end before the arm is measured;
     * the process's total counts them). All zero where {@code /proc} is not there.
     */
    record Cpu(double tasks, double jit, double gc, double other) {
        double total() {
            return tasks + jit + gc + other;
        }

        static Cpu since(Map<String, Long> before, long processBefore) {
            double jit = 0;
            double gc = 0;
            double other = 0;
            for (Map.Entry<String, Long> e : threads().entrySet()) {
                String n = e.getKey().substring(e.getKey().indexOf(' ') + 1);
                double seconds = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 100.0;
                if (n.startsWith("C1 Compiler") || n.startsWith("C2 Compiler")) {
                    jit += seconds;
                } else if (n.startsWith("GC Thread") || n.startsWith("G1 ")) {
                    gc += seconds;
                } else if (!n.startsWith("Executor task") && !n.startsWith("asha-worker")) {
                    other += seconds;
                }
            }
            double total = (process() - processBefore) / 100.0;
            return new Cpu(total - jit - gc - other, jit, gc, other);
        }

        /** @return this process's CPU ticks, its ended threads' included */
        static long process() {
            try {
                return ticks(Files.readString(Path.of("/proc/self/stat")));
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }

        /** @return utime + stime of a /proc stat line */
        static long ticks(String stat) {
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        /** @return ticks by "tid name" */
        static Map<String, Long> threads() {
            Map<String, Long> byThread = new HashMap<>();
            Path tasks = Path.of("/proc/self/task");
            if (!Files.isDirectory(tasks)) {
                return byThread;
            }
            try (Stream<Path> dirs = Files.list(tasks)) {
                dirs.forEach(d -> {
                    try {
                        String stat = Files.readString(d.resolve("stat"));
                        byThread.put(d.getFileName() + " " + stat.substring(stat.indexOf('(') + 1,
                                stat.lastIndexOf(')')), ticks(stat));
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return byThread;
        }
    }

    private static JavaSparkContext context(String master) {
        return LocalCluster.local(master, "spark-search-benchmark");
    }

    /**
     * @param jobMillis the time of each job, in the order the search submits them
     * @return the speed-up the list's order and job times allow on {@code slots} slots that do not slow each other
     *         down: the sum of the job times over the makespan of giving each job, in order, to the first free slot
     *         (as Spark's scheduler takes the jobs the search submits)
     */
    static double listBound(long[] jobMillis, int slots) {
        long[] free = new long[slots];
        for (long job : jobMillis) {
            int first = 0;
            for (int i = 1; i < slots; i++) {
                first = free[i] < free[first] ? i : first;
            }
            free[first] += job;
        }
        return (double) Arrays.stream(jobMillis).sum() / Arrays.stream(free).max().orElse(1);
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
        // a last job: neither side saves the model's state
        RungJob job = new RungJob(0, 0, ModelType.MULTI_LAYER_NETWORK, conf.toJson(), 1L, 0, 1, null, null, true);
        double direct;
        try (RungExecutor local = new LocalRungExecutor(trainer, 1)) { // on a pool thread of one ND4J thread
            direct = median(() -> {
                requireScored(local.submit(job).toCompletableFuture().join());
                local.release(job.candidate());
            });
        }
        JavaSparkContext sc = context("local[2]");
        try {
            Broadcast<Integer> b = sc.broadcast(1);
            double empty = median(() -> sc.parallelize(List.of(1), 1).map(x -> x + b.value()).collect());
            double candidate;
            try (SparkRungExecutor e = SparkRungExecutor.on(sc, trainer)) {
                candidate = median(() -> requireScored(e.submit(job).toCompletableFuture().join()));
            }
            return String.format(Locale.ROOT, "%nper-job overhead on local[2], median of %d after %d warm-up: empty "
                    + "Spark job of one task %.2f ms; smallest candidate (784-16-10, 1 iteration, scored on %d test "
                    + "images) on Spark %.2f ms vs %.2f ms in one JVM (LocalRungExecutor): Spark adds %.2f ms per "
                    + "job%n", repeats, repeats, empty, base.testExamples(), candidate, direct, candidate - direct)
                    + state(base);
        } finally {
            sc.stop();
        }
    }

    private static void requireScored(RungResult r) {
        if (r.status() != RungResult.Status.SCORED) {
            throw new IllegalStateException("the overhead candidate did not score: " + r);
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
        return median(ms);
    }

    /** @return the median of the values (sorts them) */
    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
