package org.dl4jinit.examples.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.dl4jinit.examples.study.StudyInit;
import org.junit.jupiter.api.Test;

class GradientHealthUiDemoTest {

    @Test
    void defaultsAreHeOnPort9000ForOneEpoch() {
        GradientHealthUiDemo.Options d = GradientHealthUiDemo.Options.defaults();

        assertThat(d.init()).isEqualTo(StudyInit.HE);
        assertThat(d.port()).isEqualTo(9000);
        assertThat(d.epochs()).isEqualTo(1);
        assertThat(d.exit()).isFalse();
    }

    @Test
    void badOptionsNameTheOptionTheValueAndTheRule() {
        assertThatThrownBy(() -> new GradientHealthUiDemo.Options(Optional.empty(), 70000, StudyInit.HE, 1, 1,
                Optional.empty(), 1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> new GradientHealthUiDemo.Options(Optional.empty(), 0, null, 1, 1,
                Optional.empty(), 1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("init must name an initializer (zero, tiny, standard, xavier, he, lsuv), was null");
        assertThatThrownBy(() -> new GradientHealthUiDemo.Options(Optional.empty(), 0, StudyInit.HE, 0, 1,
                Optional.empty(), 1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("epochs must be > 0, was 0");
        assertThatThrownBy(() -> new GradientHealthUiDemo.Options(Optional.empty(), 0, StudyInit.HE, 1, 1,
                Optional.of(0), 1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be > 0, was 0");
    }
}
