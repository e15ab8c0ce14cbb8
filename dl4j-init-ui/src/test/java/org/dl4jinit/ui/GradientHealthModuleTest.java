package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;

class GradientHealthModuleTest {

    @Test
    void serviceLoaderFindsTheModule() {
        assertThat(ServiceLoader.load(UIModule.class).stream().map(ServiceLoader.Provider::type)
                .collect(Collectors.toList()))
                .contains(GradientHealthModule.class);
    }

    @Test
    void callbackTypeIsGradientHealthAndRoutesArePageSessionsDataAndDepth() {
        GradientHealthModule m = new GradientHealthModule();
        assertThat(m.getCallbackTypeIDs()).containsExactly("GradientHealth");
        assertThat(m.getRoutes()).extracting(r -> r.getHttpMethod() + " " + r.getRoute())
                .containsExactly("GET /health", "GET /health/sessions", "GET /health/data", "GET /health/depth");
    }

    @Test
    void sessionsFollowAttachAndDetachAndFlagHealthRecords() {
        GradientHealthModule m = new GradientHealthModule();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        storage.putStaticInfo(staticInfo("b-other", "OtherType"));
        storage.putStaticInfo(staticInfo("a-health", GradientHealthModule.TYPE_ID));

        assertThat(m.sessions()).isEmpty();
        m.onAttach(storage);
        assertThat(m.sessions()).containsExactly(
                org.assertj.core.api.Assertions.entry("a-health", true),
                org.assertj.core.api.Assertions.entry("b-other", false));
        m.onDetach(storage);
        assertThat(m.sessions()).isEmpty();
    }

    @Test
    void twoInstancesTrackStoragesIndependently() {
        GradientHealthModule first = new GradientHealthModule();
        GradientHealthModule second = new GradientHealthModule();
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        storage.putStaticInfo(staticInfo("s", "OtherType"));
        first.onAttach(storage);
        assertThat(first.sessions()).containsOnlyKeys("s");
        assertThat(second.sessions()).isEmpty();
    }

    static SbeStatsInitializationReport staticInfo(String sessionId, String typeId) {
        SbeStatsInitializationReport r = new SbeStatsInitializationReport();
        r.reportIDs(sessionId, typeId, "worker-0", 1_700_000_000_000L);
        return r;
    }
}
