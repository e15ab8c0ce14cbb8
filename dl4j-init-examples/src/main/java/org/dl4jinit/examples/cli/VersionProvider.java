package org.dl4jinit.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code dl4j-init --version}: this build's version and ND4J platform (from {@code version.properties}, filled in
 * by Maven from the root pom), and the Deeplearning4j and ND4J versions on the classpath, read from the
 * {@code pom.properties} Maven wrote into their jars, so the answer is what runs, not what was meant to.
 * Loads no ND4J class, so it answers in a fraction of a second.
 */
final class VersionProvider implements IVersionProvider {

    static final String VERSION_RESOURCE = "/org/dl4jinit/examples/cli/version.properties";
    static final String DL4J_POM = "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties";
    static final String ND4J_POM = "/META-INF/maven/org.nd4j/nd4j-native/pom.properties";

    @Override
    public String[] getVersion() {
        Properties own = properties(VERSION_RESOURCE);
        return new String[] {
            "dl4j-init " + own.getProperty("dl4jinit.version", "unknown"),
            "Deeplearning4j " + version(DL4J_POM) + ", ND4J " + version(ND4J_POM) + " (nd4j-native, "
                    + own.getProperty("nd4j.platform", "unknown platform") + ")",
            String.format(Locale.ROOT, "Java %s (%s), %s %s", System.getProperty("java.version"),
                    System.getProperty("java.vendor"), System.getProperty("os.name"), System.getProperty("os.arch"))
        };
    }

    private static String version(String pomProperties) {
        return properties(pomProperties).getProperty("version", "not on the classpath");
    }

    private static Properties properties(String resource) {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return p;
    }
}
