package org.dl4jinit.examples.cli;

import java.io.PrintWriter;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code dl4j-init} command line: {@code study} (the main job), {@code sweep}, {@code ui} and {@code check}.
 *
 * <p>Exit codes: 0 success; 1 the command failed (missing or corrupt data, unreadable model, ...); 2 bad usage
 * (unknown option or initializer name, ...); 3 {@code check} found a FAILING verdict. Errors are printed as one
 * line ({@code error: ...}) on stderr; {@code --verbose} adds the stack trace. A command's {@link Preflight}
 * checks run before ND4J is loaded, so bad options and files fail within the JVM's start-up.
 */
@Command(name = "dl4j-init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Weight initialization and gradient health for Deeplearning4j.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:success", "1:the command failed (missing or corrupt data, unreadable model, ...)",
            "2:bad usage (unknown option, bad value, ...)", "3:check found a FAILING health condition"},
        subcommands = {StudyCommand.class, SweepCommand.class, UiCommand.class, CheckCommand.class,
            CommandLine.HelpCommand.class})
public final class Dl4jInitCli {

    /** Exit code of a command that failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code of bad usage. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of {@code check} when the model fails a health condition. */
    public static final int EXIT_UNHEALTHY = 3;

    @Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "print stack traces of errors")
    boolean verbose;

    /**
     * ND4J/OpenBLAS threads. One by default: the study's and the sweep's networks are small (256-wide layers,
     * batches of 10 to 128), and one thread trains them faster than two, whose spinning barriers cost more than
     * they save on ops this small (measured in docs/benchmarks.md).
     */
    @Option(names = "--threads", scope = CommandLine.ScopeType.INHERIT, paramLabel = "N", defaultValue = "1",
            description = "ND4J and OpenBLAS threads (default: ${DEFAULT-VALUE}; small networks train faster on one)")
    int threads;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true))
                .execute(args));
    }

    /**
     * @param out standard output
     * @param err standard error
     * @return the configured command line (tests call {@code execute} on it)
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Dl4jInitCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Dl4jInitCli::usageError);
        cl.setExecutionStrategy(parseResult -> {
            // --help, --version and the help command answer without loading ND4J
            if (CommandLine.printHelpIfRequested(parseResult)) {
                return 0;
            }
            List<CommandLine> invoked = parseResult.asCommandLineList();
            CommandLine last = invoked.get(invoked.size() - 1);
            if (last.getCommand() instanceof Preflight) {
                try {
                    ((Preflight) last.getCommand()).preflight();
                } catch (CliException e) {
                    throw new CommandLine.ExecutionException(last, e.getMessage(), e);
                }
            }
            if (!(last.getCommand() instanceof CommandLine.HelpCommand)) {
                Dl4jInitCli root = (Dl4jInitCli) parseResult.commandSpec().userObject();
                if (root.threads < 1) {
                    throw new ParameterException(parseResult.commandSpec().commandLine(),
                            "--threads must be >= 1, was " + root.threads);
                }
                Nd4j.getEnvironment().setMaxThreads(root.threads);
                Nd4j.getEnvironment().setMaxMasterThreads(root.threads);
                Nd4j.factory().blas().setMaxThreads(root.threads);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + message(e));
            if (verbose(commandLine)) {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return EXIT_FAILED;
        });
        return cl;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("error: " + e.getMessage() + " (see '" + cl.getCommandSpec().qualifiedName()
                + " --help')");
        cl.getErr().flush();
        return EXIT_USAGE;
    }

    private static boolean verbose(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Object cmd = root.getCommand();
        return cmd instanceof Dl4jInitCli && ((Dl4jInitCli) cmd).verbose;
    }

    /**
     * Builds a command's settings from its options: a rule broken there is bad usage (exit code 2), not a failed
     * run, and its message names the parameter, the value and the rule.
     *
     * @param cl    the command
     * @param build builds the settings, throwing {@link IllegalArgumentException} for a bad value
     * @param <T>   the settings' type
     * @return the settings
     * @throws ParameterException with the same message
     */
    static <T> T options(CommandLine cl, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, e.getMessage(), e);
        }
    }

    /**
     * @param e an exception
     * @return its message on one line, with the exception's simple name if it has no message
     */
    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            Throwable c = e.getCause();
            return c != null && c != e ? message(c) : e.getClass().getSimpleName();
        }
        return m.replace('\n', ' ').replace('\r', ' ');
    }
}
