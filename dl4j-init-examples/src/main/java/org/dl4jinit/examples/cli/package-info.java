/**
 * The {@code dl4j-init} command line (picocli): {@code study}, {@code sweep}, {@code ui} and {@code check}. The
 * build packages it as {@code dl4j-init-examples/target/dl4j-init/bin/dl4j-init} with its {@code lib/} folder
 * (docs/cli.md). Errors are one line on stderr with exit code 1 (failed) or 2 (usage); {@code --verbose} adds
 * the stack trace.
 */
package org.dl4jinit.examples.cli;
