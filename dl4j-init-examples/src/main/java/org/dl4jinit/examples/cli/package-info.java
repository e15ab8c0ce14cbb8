/**
 * The {@code dl4j-init} command line (picocli): {@code study}, {@code sweep}, {@code ui} and {@code check}. Run
 * it with {@code mvn -f dl4j-init-examples exec:java -Dexec.args="study --quick"}. Errors are one line on stderr
 * with exit code 1 (failed) or 2 (usage); {@code --verbose} adds the stack trace.
 */
package org.dl4jinit.examples.cli;
