package org.dl4jinit.examples.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.deeplearning4j.ui.VertxUIServer;
import org.dl4jinit.examples.study.StudyInit;
import org.dl4jinit.examples.ui.GradientHealthUiDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-init ui}: trains a 784-256-128-10 MLP on Fashion-MNIST with the health listener recording into a
 * storage attached to DL4J's UI server ({@link GradientHealthUiDemo}), prints the Gradient Health page's URL
 * before training starts, and keeps serving until the JVM is stopped (or returns with {@code --exit}).
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"Train with DL4J's training UI attached and print the Gradient Health page's URL.",
            "DL4J 1.0.0-M2.1's UI server listens on all network interfaces (0.0.0.0): use it on a trusted network."})
public final class UiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9000",
            description = "UI port, 0 for any free port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "he", converter = StudyInitConverter.class,
            description = "initializer, one of " + StudyCommand.INIT_NAMES + " (default: ${DEFAULT-VALUE}; zero "
                    + "shows every layer failing)")
    StudyInit init;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "1", description = "passes over the data")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "examples per iteration")
    int batch;

    @Option(names = "--limit", paramLabel = "N", description = "training examples to use (default: all 60,000)")
    Integer limit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "weights and shuffling")
    long seed;

    @Option(names = "--exit", description = "stop the UI server and return when training is done")
    boolean exit;

    @Override
    public Integer call() throws Exception {
        GradientHealthUiDemo.Options o = Dl4jInitCli.options(spec.commandLine(), () -> new GradientHealthUiDemo.Options(
                Optional.ofNullable(data.data), port, init, epochs, batch, Optional.ofNullable(limit), seed, exit));
        PrintWriter out = spec.commandLine().getOut();
        String url = GradientHealthUiDemo.run(o, out);
        if (exit) {
            VertxUIServer.stopInstance();
            return 0;
        }
        out.println("Serving " + url + " until this JVM is stopped (Ctrl-C).");
        out.flush();
        Thread.currentThread().join();
        return 0;
    }
}
