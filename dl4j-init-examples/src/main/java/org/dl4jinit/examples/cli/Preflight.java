package org.dl4jinit.examples.cli;

/**
 * What a command checks before ND4J is loaded: checks of its options and files that need no native code, so that
 * bad input fails within the JVM's start-up time instead of after ND4J's (seconds on a busy machine). The command
 * line runs it before configuring ND4J's threads.
 */
interface Preflight {

    /**
     * @throws picocli.CommandLine.ParameterException for bad usage (exit code 2)
     * @throws CliException                            for a file that cannot be used (exit code 1)
     */
    void preflight();
}
