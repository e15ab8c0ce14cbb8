package org.dl4jinit.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.dl4jinit.health.ActivationFamily;
import org.dl4jinit.health.Diagnosis;
import org.dl4jinit.health.Figure;
import org.dl4jinit.health.HealthCondition;
import org.dl4jinit.health.HealthReport;
import org.dl4jinit.health.LayerHealth;
import org.dl4jinit.health.LayerInfo;
import org.dl4jinit.health.Verdict;
import org.dl4jinit.health.Violation;
import org.junit.jupiter.api.Test;

/**
 * Records and static infos written by each format version, committed under {@code golden/health/v<N>/} (written
 * by {@link GoldenHealthFiles}), keep decoding; this version still writes exactly the bytes of its own version.
 */
class HealthFormatGoldenTest {

    private static byte[] golden(String version, String file) throws IOException {
        try (InputStream in = HealthFormatGoldenTest.class.getResourceAsStream("/golden/health/" + version + "/"
                + file)) {
            assertThat(in).as("golden file %s/%s", version, file).isNotNull();
            return in.readAllBytes();
        }
    }

    private static HealthRecord record(String version, String file) throws IOException {
        HealthRecord r = new HealthRecord();
        r.decode(golden(version, file));
        return r;
    }

    private static HealthStaticInfo info(String version, String file) throws IOException {
        HealthStaticInfo i = new HealthStaticInfo();
        i.decode(golden(version, file));
        return i;
    }

    @Test
    void thisVersionWritesTheGoldenBytesOfItsFormat() throws IOException {
        assertThat(HealthRecord.VERSION).isEqualTo(2);
        assertThat(HealthStaticInfo.VERSION).isEqualTo(2);
        HealthReport report = GoldenHealthFiles.everyKind();
        assertThat(HealthRecord.of(report).encode()).isEqualTo(golden("v2", "record-every-kind.bin"));
        assertThat(HealthStaticInfo.of(report).encode()).isEqualTo(golden("v2", "static-info-every-kind.bin"));
    }

    @Test
    void version2RecordsDecodeIntoTheReportsTheyWereWrittenFrom() throws IOException {
        HealthStaticInfo info = info("v2", "static-info-every-kind.bin");
        HealthReport decoded = record("v2", "record-every-kind.bin").report(info);
        HealthRecordStorageTest.assertSameReport(decoded, GoldenHealthFiles.everyKind());

        HealthStaticInfo zeroInfo = info("v2", "static-info.bin");
        assertThat(zeroInfo.getSessionID()).isEqualTo(GoldenHealthFiles.SESSION);
        assertThat(zeroInfo.getWorkerID()).isEqualTo(GoldenHealthFiles.WORKER);
        assertThat(zeroInfo.getTimeStamp()).isEqualTo(GoldenHealthFiles.ZERO_INIT_TIME);
        assertThat(zeroInfo.layers()).extracting(LayerInfo::name).containsExactly("0", "enc", "2");
        assertThat(zeroInfo.layers()).extracting(LayerInfo::family).containsExactly(ActivationFamily.SYMMETRIC,
                ActivationFamily.RECTIFIER, ActivationFamily.NONE);
        assertThat(zeroInfo.layers()).extracting(LayerInfo::initializer).allSatisfy(i ->
                assertThat(i).startsWith("ZeroInit"));
        HealthReport zero = record("v2", "record-zero-init.bin").report(zeroInfo);
        assertThat(zero.iteration()).isZero();
        assertThat(zero.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(zero.failingStreak()).isEqualTo(1);
        Violation headline = zero.headline().orElseThrow();
        assertThat(headline.condition()).isEqualTo(HealthCondition.SYMMETRY);
        assertThat(headline.diagnosis().cause()).isEqualTo(Diagnosis.Cause.ZERO_WEIGHTS);
        assertThat(headline.layer()).isEqualTo(zeroInfo.layers().get(0));
        assertThat(zero.layer("enc").get(Figure.ZERO_FRACTION)).isEqualTo(1.0);
        assertThat(zero.layer("enc").violations()).extracting(Violation::condition)
                .contains(HealthCondition.DEAD_UNITS, HealthCondition.SATURATION);
    }

    @Test
    void version1RecordsAndStaticInfosStillDecode() throws IOException {
        HealthStaticInfo info = info("v1", "static-info.bin");
        assertThat(info.getSessionID()).isEqualTo("golden");
        assertThat(info.modelType()).isEqualTo("org.deeplearning4j.nn.multilayer.MultiLayerNetwork");
        // version 1 named MultiLayerNetwork layers by index, and knew no family or initializer
        assertThat(info.layers()).extracting(LayerInfo::name).containsExactly("0", "1", "2");
        assertThat(info.layers()).extracting(LayerInfo::activation).containsExactly("tanh", "relu", "softmax");
        assertThat(info.layers()).extracting(LayerInfo::family).containsExactly(ActivationFamily.SYMMETRIC,
                ActivationFamily.RECTIFIER, ActivationFamily.NONE);
        assertThat(info.layers()).extracting(LayerInfo::initializer).containsOnly("unknown");
        assertThat(info.layers()).extracting(LayerInfo::output).containsExactly(false, false, true);

        HealthReport zero = record("v1", "record-zero-init.bin").report(info);
        assertThat(zero.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(zero.violations()).hasSize(9).allMatch(v -> v.verdict() == Verdict.FAILING);
        assertThat(zero.layer("1").violations()).extracting(Violation::condition).containsExactly(
                HealthCondition.SATURATION, HealthCondition.DEAD_UNITS, HealthCondition.SCALE_COLLAPSE,
                HealthCondition.ZERO_GRADIENT);
        assertThat(zero.layer("1").violations()).extracting(Violation::figure).containsExactly(
                Figure.SATURATED_FRACTION, Figure.DEAD_UNITS, Figure.SCALE_RATIO, Figure.GRADIENT_NORM);
        assertThat(zero.headline().orElseThrow().layerIndex()).isZero();
        assertThat(zero.layer("0").get(Figure.ZERO_FRACTION)).isEqualTo(1.0);

        HealthReport every = record("v1", "record-every-kind.bin").report(null);
        assertThat(every.iteration()).isEqualTo(42);
        assertThat(every.epoch()).isEqualTo(3);
        assertThat(every.score()).isNaN();
        assertThat(every.modelFindings()).singleElement().satisfies(v -> {
            assertThat(v.isModelLevel()).isTrue();
            assertThat(v.figure()).isEqualTo(Figure.SCORE);
            assertThat(v.condition()).isEqualTo(HealthCondition.NON_FINITE);
        });
        List<Violation> hidden = every.layers().get(0).violations();
        assertThat(hidden).extracting(Violation::condition).containsExactly(HealthCondition.SATURATION,
                HealthCondition.ZERO_ACTIVATIONS);
        assertThat(hidden).extracting(Violation::verdict).containsExactly(Verdict.FAILING, Verdict.WARNING);
        assertThat(hidden.get(0).value()).isEqualTo(0.75);
        assertThat(hidden.get(0).threshold()).isEqualTo(0.5);
        assertThat(every.layers()).extracting(LayerHealth::verdict).containsExactly(Verdict.FAILING,
                Verdict.HEALTHY);
        assertThat(every.layers().get(1).get(Figure.UPDATE_RATIO)).isInfinite();
    }
}
