package org.dl4jinit.examples.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GradientHealthUiDemoTest {

    @Test
    void parsesEveryOption() {
        GradientHealthUiDemo.Options o = GradientHealthUiDemo.Options.parse("--data", "d", "--port", "0", "--init",
                "zero", "--epochs", "2", "--batch", "64", "--limit", "1000", "--seed", "7", "--exit");
        assertThat(o).isEqualTo(new GradientHealthUiDemo.Options(Optional.of(Path.of("d")), 0, true, 2, 64,
                Optional.of(1000), 7, true));
        assertThat(GradientHealthUiDemo.Options.parse()).isEqualTo(GradientHealthUiDemo.Options.defaults());
    }

    @Test
    void badOptionsNameTheOptionTheValueAndTheRule() {
        assertThatThrownBy(() -> GradientHealthUiDemo.Options.parse("--port", "70000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> GradientHealthUiDemo.Options.parse("--init", "xavier"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--init must be he or zero, was 'xavier'");
        assertThatThrownBy(() -> GradientHealthUiDemo.Options.parse("--limit", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be > 0, was 0");
        assertThatThrownBy(() -> GradientHealthUiDemo.Options.parse("--epochs", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--epochs must be an integer, was 'x'");
        assertThatThrownBy(() -> GradientHealthUiDemo.Options.parse("--batch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--batch needs a value");
    }
}
