package org.dl4jinit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs, in one go: {@link InitFillBenchmark}'s fill benchmarks (JMH, JSON results), the interleaved A/B rounds of
 * {@link PairedFillComparison}, the orthogonal JMH benchmark and right after it the NumPy reference
 * {@code bench/numpy_orthogonal.py}; then prints a markdown table of medians and ratios: ours against DL4J's
 * built-in for the same distribution, and {@code OrthogonalInit} against NumPy's QR with the sign fix.
 *
 * <p>Usage (docs/benchmarks.md):
 * <pre>  mvn -B -ntp -pl dl4j-init-bench -am package -DskipTests -Pbench-fill</pre>
 * or, with the classpath set up by hand: {@code java ... InitBenchmarkReport [--out DIR] [--python EXE] [--quick]}.
 *
 * <p>Both sides run with their default thread counts (ND4J's OpenMP and OpenBLAS, and NumPy's OpenBLAS, one
 * thread per core) unless {@code OMP_NUM_THREADS} / {@code OPENBLAS_NUM_THREADS} are set, in which case both
 * sides inherit them. {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} are removed from the NumPy
 * process's environment only, so that NumPy's OpenBLAS picks the kernel for this processor itself.
 *
 * <p>Writes {@code jmh-fill.json}, {@code jmh-orthogonal.json}, {@code numpy.json} and {@code report.md} to the
 * output directory
 * ({@code target/bench} by default).
 */
@Command(name = "init-benchmark-report", mixinStandardHelpOptions = true,
        description = "Initializer fill times (JMH) against DL4J's built-ins and NumPy's QR; prints the ratio table")
public final class InitBenchmarkReport implements Callable<Integer> {

    private static final String NUMPY_SCRIPT = "bench/numpy_orthogonal.py";

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench",
            description = "folder of report.md and the JSON results (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
            description = "Python with NumPy (default: ${DEFAULT-VALUE})")
    String python;

    @Option(names = "--quick", description = "fewer, shorter iterations: a smoke run, not for the table")
    boolean quick;

    /**
     * @param args {@code --out DIR}, {@code --python EXE}, {@code --quick}
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new InitBenchmarkReport()).execute(args));
    }

    /**
     * Runs the benchmarks and prints the table.
     *
     * @return 0
     * @throws Exception if JMH or the NumPy harness fails
     */
    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);

        String loadBefore = loadAverage();
        long start = System.nanoTime();
        Map<String, Result<?>> jmh = new HashMap<>(
                runJmh("\\.(he|xavier|nd4j)\\w*$", out.resolve("jmh-fill.json"), quick));
        System.out.println("# Interleaved A/B rounds in this JVM");
        Map<BenchShape, Map<FillPair, PairedFillComparison.Outcome>> paired = quick
                ? PairedFillComparison.run(1, 3, 10) : PairedFillComparison.run(3, 15, 60);
        // The orthogonal benchmark and its NumPy reference run back to back, so that both see the same load.
        jmh.putAll(runJmh("\\.orthogonalOurs$", out.resolve("jmh-orthogonal.json"), quick));
        JsonNode numpy = runNumpy(python, out, quick);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        String report = report(jmh, paired, numpy, seconds)
                + "Load average (1, 5, 15 min) at start: " + loadBefore + "; at end: " + loadAverage() + ".\n";
        Files.writeString(out.resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + out.resolve("report.md").toAbsolutePath() + ")");
        return 0;
    }

    private static Map<String, Result<?>> runJmh(String methodRegex, Path json, boolean quick)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(InitFillBenchmark.class.getName().replace(".", "\\.") + methodRegex)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (quick) {
            options.warmupIterations(1).measurementIterations(2).measurementTime(TimeValue.milliseconds(500))
                    .warmupTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Result<?>> byCase = new HashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String shape = r.getParams().getParam("shapeName");
            byCase.put(shape == null ? method : method + "/" + shape, r.getPrimaryResult());
        }
        return byCase;
    }

    private static JsonNode runNumpy(String python, Path out, boolean quick) throws IOException, InterruptedException {
        Path script = out.resolve("numpy_orthogonal.py");
        try (InputStream in = InitBenchmarkReport.class.getClassLoader().getResourceAsStream(NUMPY_SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(NUMPY_SCRIPT + " is not on the classpath");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString(), "--n", "1024"));
        if (quick) {
            command.addAll(List.of("--warmup", "1", "--repeat", "3"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        // For the NumPy run only: let its OpenBLAS detect the processor instead of a forced (slower) core type.
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        System.out.println("# NumPy reference: " + String.join(" ", command)
                + " (OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset)");
        Process process = pb.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
        Files.write(out.resolve("numpy.json"), stdout);
        return new ObjectMapper().readTree(stdout);
    }

    static String report(Map<String, Result<?>> jmh,
            Map<BenchShape, Map<FillPair, PairedFillComparison.Outcome>> paired, JsonNode numpy, long seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("| case | ours ms | reference | reference ms | ratio | ratio of minima | ratio interleaved [IQR]"
                + " | target | met? |\n");
        sb.append("|---|---:|---|---:|---:|---:|---:|---:|---|\n");
        for (FillPair pair : FillPair.values()) {
            for (BenchShape shape : BenchShape.values()) {
                PairedFillComparison.Outcome o = paired.get(shape).get(pair);
                String interleaved = String.format(Locale.ROOT, "%.2f× [%.2f, %.2f]", o.ratioMedian(), o.ratioQ1(),
                        o.ratioQ3());
                Result<?> ours = jmh.get(pair.methodPrefix + "Ours/" + shape.paramName());
                Result<?> dl4j = jmh.get(pair.methodPrefix + "Dl4j/" + shape.paramName());
                row(sb, pair.oursLabel + ", " + shape.label, median(ours), min(ours), pair.dl4jLabel, median(dl4j),
                        min(dl4j), interleaved, o.ratioMedian(), 0.5);
            }
        }
        JsonNode f32 = numpy.path("cases").path("float32");
        JsonNode f64 = numpy.path("cases").path("float64");
        double ortho = median(jmh.get("orthogonalOurs"));
        double orthoMin = min(jmh.get("orthogonalOurs"));
        double numpy32 = f32.path("orthogonal").path("median_ms").asDouble(Double.NaN);
        double numpy64 = f64.path("orthogonal").path("median_ms").asDouble(Double.NaN);
        double numpy32Min = f32.path("orthogonal").path("min_ms").asDouble(Double.NaN);
        double numpy64Min = f64.path("orthogonal").path("min_ms").asDouble(Double.NaN);
        row(sb, "Orthogonal `new OrthogonalInit()`, 1024×1024 float32", ortho, orthoMin,
                "NumPy float32 randn + `qr` + sign fix", numpy32, numpy32Min, "n/a (two processes)", ortho / numpy32,
                1.0);
        row(sb, "Orthogonal `new OrthogonalInit()`, 1024×1024 float32", ortho, orthoMin,
                "NumPy float64 randn + `qr` + sign fix", numpy64, numpy64Min, "n/a (two processes)",
                ortho / numpy64, Double.NaN);

        sb.append("\nFloors (same run): bare in-place fills of the same views, and NumPy's QR alone.\n\n");
        sb.append("| case | median ms | JMH mean ± 99.9% CI ms |\n|---|---:|---:|\n");
        for (BenchShape shape : BenchShape.values()) {
            floor(sb, "ND4J `Nd4j.randn(view)`, " + shape.label, jmh.get("nd4jRandn/" + shape.paramName()));
            floor(sb, "ND4J `Nd4j.rand(view)`, " + shape.label, jmh.get("nd4jRand/" + shape.paramName()));
        }
        sb.append(String.format(Locale.ROOT,
                "| NumPy `np.linalg.qr` alone, 1024×1024 float32 (%d repeats) | %.1f | |%n",
                f32.path("qr_only").path("samples_ms").size(),
                f32.path("qr_only").path("median_ms").asDouble(Double.NaN)));
        sb.append(String.format(Locale.ROOT,
                "| NumPy `np.linalg.qr` alone, 1024×1024 float64 (%d repeats) | %.1f | |%n",
                f64.path("qr_only").path("samples_ms").size(),
                f64.path("qr_only").path("median_ms").asDouble(Double.NaN)));

        sb.append("\nAll JMH rows:\n\n| benchmark | median ms | mean ± 99.9% CI ms | samples |\n");
        sb.append("|---|---:|---:|---:|\n");
        jmh.keySet().stream().sorted().forEach(k -> {
            Result<?> r = jmh.get(k);
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f ± %.1f | %d |%n", k, median(r), r.getScore(),
                    r.getScoreError(), r.getSampleCount()));
        });

        JsonNode blas = numpy.path("blas");
        sb.append(String.format(Locale.ROOT, "%nMachine: %s, %s, %d processors, Java %s; NumPy %s (%s, core %s, %s"
                        + " threads); OMP_NUM_THREADS=%s, OPENBLAS_NUM_THREADS=%s; total %d s.%n",
                cpuModel(), System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), numpy.path("numpy").asText("?"),
                blas.path("library").asText("?"), blas.path("corename").asText("?"), blas.path("threads").asText("?"),
                envOrUnset("OMP_NUM_THREADS"), envOrUnset("OPENBLAS_NUM_THREADS"), seconds));
        sb.append("ms are medians: JMH SampleTime p50 over all measured invocations (1 fork per benchmark and"
                + " shape); NumPy: median of its timed repeats. ratio = ours / reference (medians); ratio of minima ="
                + " fastest ours / fastest reference. Interleaved: median and quartiles of per-round ratios of"
                + " back-to-back fills of the same view in one JVM (ABBA order);"
                + " met? judges the interleaved ratio where there is one, else the JMH/NumPy ratio.\n");
        return sb.toString();
    }

    /** A table row; {@code judged} is the ratio compared with the target (the interleaved one where there is one). */
    private static void row(StringBuilder sb, String name, double ours, double oursMin, String reference, double ref,
            double refMin, String interleaved, double judged, double target) {
        String targetText = Double.isNaN(target) ? "—" : String.format(Locale.ROOT, "≤ %.1f×", target);
        String met = Double.isNaN(target) || Double.isNaN(judged) ? "—" : judged <= target ? "yes" : "**no**";
        sb.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.2f× | %.2f× | %s | %s | %s |%n", name,
                ours, reference, ref, ours / ref, oursMin / refMin, interleaved, targetText, met));
    }

    private static void floor(StringBuilder sb, String name, Result<?> r) {
        sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f ± %.1f |%n", name, median(r),
                r == null ? Double.NaN : r.getScore(), r == null ? Double.NaN : r.getScoreError()));
    }

    private static double min(Result<?> r) {
        return r == null ? Double.NaN : r.getStatistics().getMin();
    }

    private static double median(Result<?> r) {
        return r == null ? Double.NaN : r.getStatistics().getPercentile(50.0);
    }

    private static String envOrUnset(String name) {
        String value = System.getenv(name);
        return value == null ? "unset" : value;
    }

    /** The load average (1, 5, 15 min) from /proc/loadavg, or "n/a". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Paths.get("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(System.getProperty("os.name"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.name");
        }
    }
}
