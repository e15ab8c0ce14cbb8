package org.dl4jinit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.dl4jinit.init.ZeroInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.slf4j.LoggerFactory;

/**
 * The listener's log lines reach the logging a DL4J user already has: run in a child JVM whose classpath is this
 * test's with its SLF4J and logback jars replaced by one set-up — SLF4J 1.7 + logback 1.2 (what DL4J 1.0.0-M2.1
 * uses) or SLF4J 2 + logback 1.5 — copied by the build from the local Maven repository into
 * {@code target/slf4j-bindings} (see this module's pom).
 */
class Slf4jBindingsTest {

    /** The child: trains a zero-initialized network under the default listener (policy LOG), then says what bound. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            MultiLayerNetwork net = Nets.mlp(2, 8, Activation.TANH, new ZeroInit(), Nets.sgd(), 1);
            net.setListeners(new GradientHealthListener());
            net.fit(Nets.data(16, 1));
            System.out.println("SLF4J-API " + jar(LoggerFactory.class));
            System.out.println("FACTORY " + LoggerFactory.getILoggerFactory().getClass().getName());
            System.out.flush();
            System.exit(0);
        }

        private static String jar(Class<?> c) {
            return new File(c.getProtectionDomain().getCodeSource().getLocation().getPath()).getName();
        }
    }

    private static boolean loggingJar(String entry) {
        String name = new File(entry).getName();
        return name.startsWith("slf4j-api-") || name.startsWith("logback-classic-")
                || name.startsWith("logback-core-");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"logback-1.2, slf4j-api-1.7, logback-classic-1.2", "logback-1.5, slf4j-api-2., logback-classic-1.5"})
    void theListenersLinesReachLogback(String setUp, String api, String logback) throws Exception {
        Path dir = Path.of(System.getProperty("dl4jinit.slf4jBindings"), setUp);
        List<String> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.map(Path::toString).sorted().collect(Collectors.toList());
        }
        assertThat(jars).hasSize(3);
        List<String> classpath = new ArrayList<>();
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !loggingJar(e)).forEach(classpath::add);
        classpath.addAll(jars);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-cp", String.join(File.pathSeparator, classpath),
                Child.class.getName());
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        Process child = pb.start();
        List<String> out = lines(child);

        String all = String.join("\n", out);
        assertThat(out).as(all).anySatisfy(l -> assertThat(l).startsWith("SLF4J-API " + api));
        assertThat(out).as(all).contains("FACTORY ch.qos.logback.classic.LoggerContext");
        assertThat(jars).anySatisfy(j -> assertThat(new File(j).getName()).startsWith(logback));
        // the line the listener logged, formatted by logback's console appender (logback-test.xml)
        assertThat(out).as(all).anySatisfy(l -> assertThat(l)
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  o\\.d\\.h\\.GradientHealthListener - iteration 0: layer 0 "
                        + "\\(DenseLayer, tanh\\): FAILING condition 2 \\(units not identical.*W = 0.*"));
        assertThat(all).doesNotContain("NOP").doesNotContain("No SLF4J providers")
                .doesNotContain("Failed to load class \"org.slf4j.impl.StaticLoggerBinder\"");
    }

    private static List<String> lines(Process child) throws IOException, InterruptedException {
        byte[] bytes = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
    }
}
