package org.dl4jinit.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.dl4jinit.examples.study.ConsoleProgress;
import org.dl4jinit.examples.study.StudyInit;
import org.dl4jinit.examples.study.StudyPlan;
import org.dl4jinit.examples.study.StudyReport;
import org.dl4jinit.examples.study.StudyResult;
import org.dl4jinit.examples.study.Study;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dl4j-init study}: the main job. Trains each (initializer × network) cell of the study on Fashion-MNIST
 * with the health listener, prints the table and the published findings, and writes the report folder.
 */
@Command(name = "study", mixinStandardHelpOptions = true,
        description = {"Train the same networks from each initializer on Fashion-MNIST with the gradient-health "
                + "listener; print the verdicts and whether the papers' findings reproduced; write an HTML report "
                + "with PNG plots.", "Default budget: about " + StudyPlan.DEFAULT_MINUTES + " minutes on 2 cores; "
                        + "--quick: about a third of that."})
public final class StudyCommand implements Callable<Integer>, Preflight {

    /** The accepted {@code --inits} names (a test keeps this equal to {@link StudyInit#names()}). */
    static final String INIT_NAMES = "zero, tiny, standard, xavier, he, lsuv";

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--quick", description = "a third of the iterations and 2,000 test examples per cell")
    boolean quick;

    @Option(names = "--inits", split = ",", paramLabel = "NAME", converter = StudyInitConverter.class,
            description = "only these initializers, comma-separated: " + INIT_NAMES)
    List<StudyInit> inits;

    @Option(names = "--iterations", paramLabel = "N", description = "training iterations per cell (overrides the "
            + "plan's budget)")
    Integer iterations;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "study-report",
            description = "report folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--ui", description = "watch it live: attach DL4J's UI server and print the Gradient Health "
            + "page's URL (one session per cell); keeps serving after the study until the JVM is stopped")
    boolean ui;

    @Option(names = "--ui-port", paramLabel = "N", defaultValue = "9000",
            description = "UI port with --ui, 0 for any free port (default: ${DEFAULT-VALUE})")
    int uiPort;

    private StudyPlan plan() {
        StudyPlan plan = quick ? StudyPlan.quick() : StudyPlan.defaults();
        if (inits != null && !inits.isEmpty()) {
            Set<StudyInit> keep = EnumSet.copyOf(inits);
            plan = plan.withInits(keep);
        }
        if (iterations != null) {
            plan = plan.withIterations(iterations);
        }
        return plan;
    }

    /** The report folder is checked (created and written to) before the study's minutes of training. */
    @Override
    public void preflight() {
        OutputFolder.requireWritable(spec.commandLine(), "--out", out);
    }

    @Override
    public Integer call() throws Exception {
        if (uiPort < 0 || uiPort > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--ui-port must be between 0 and 65535, was " + uiPort);
        }
        StudyPlan plan = Dl4jInitCli.options(spec.commandLine(), this::plan);
        DataOptions.Splits splits = data.load();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        err.printf(Locale.ROOT, "Fashion-MNIST from %s; %d cells, %d iterations in all%n",
                splits.directory().directory(), plan.cells().size(), plan.totalIterations());
        err.flush();
        Optional<StatsStorageRouter> router = Optional.empty();
        String url = null;
        if (ui) {
            InMemoryStatsStorage storage = new InMemoryStatsStorage();
            VertxUIServer server = VertxUIServer.getInstance(uiPort, false, null);
            server.attach(storage);
            url = "http://localhost:" + server.getPort() + "/health";
            err.println("Gradient Health page: " + url + " (one session per cell; DL4J's UI server listens on all "
                    + "network interfaces, port " + server.getPort() + ")");
            err.flush();
            router = Optional.of(storage);
        }
        StudyResult result = new Study(plan, splits.train(), splits.test())
                .run(new ConsoleProgress(err, System.console() != null), router);
        outw.print(result.table());
        outw.println();
        outw.print(result.findingsText());
        List<Path> files = StudyReport.write(out, result);
        outw.printf(Locale.ROOT, "%nReport: %s (%d files; study took %.1f s)%n", files.get(0).toAbsolutePath(),
                files.size(), result.wallMillis() / 1000.0);
        outw.flush();
        if (url != null) {
            outw.println("Serving " + url + " until this JVM is stopped (Ctrl-C).");
            outw.flush();
            Thread.currentThread().join();
        }
        return 0;
    }
}
