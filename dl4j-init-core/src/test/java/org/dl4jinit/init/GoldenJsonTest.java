package org.dl4jinit.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Configurations saved with every initializer of version 0.1 must keep loading, with {@code equals}, after any
 * later change: the committed files under {@code src/test/resources/golden/v0.1/} are DL4J
 * {@code MultiLayerConfiguration} JSON written by this version.
 *
 * <p>To add the file of a new initializer (never to rewrite an existing one), run this test once with
 * {@code -Dgolden.write=true}: it writes only files that do not exist yet.
 */
class GoldenJsonTest {

    private static final String DIR = "golden/v0.1/";

    static java.util.List<InitCase> cases() {
        return InitCases.all();
    }

    static String fileName(InitCase c) {
        return c.name.replaceAll("[^A-Za-z0-9.]+", "_").replaceAll("_$", "") + ".json";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void goldenConfigurationStillLoadsWithEqualInitializer(InitCase c) throws IOException {
        String resource = DIR + fileName(c);
        if (Boolean.getBoolean("golden.write")) {
            writeIfAbsent(resource, InitializerContractTest.network(c).toJson());
        }
        String json;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s is missing: run once with -Dgolden.write=true and commit it", resource)
                    .isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        MultiLayerConfiguration restored = MultiLayerConfiguration.fromJson(json);

        assertThat(InitializerContractTest.weightInitOf(restored.getConf(0).getLayer())).isEqualTo(c.init);
        assertThat(restored).isEqualTo(InitializerContractTest.network(c));
    }

    private static void writeIfAbsent(String resource, String json) throws IOException {
        Path file = Paths.get("src/test/resources").resolve(resource);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        }
    }
}
