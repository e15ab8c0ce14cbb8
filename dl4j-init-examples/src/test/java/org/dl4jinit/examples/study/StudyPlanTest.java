package org.dl4jinit.examples.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

class StudyPlanTest {

    @Test
    void defaultPlanHoldsThePapersNetworksAndEveryInitializer() {
        StudyPlan p = StudyPlan.defaults();

        assertThat(p.experiments()).extracting(e -> e.architecture().id())
                .containsExactly("relu-30x256", "tanh-10x256", "sigmoid-4x1000");
        assertThat(p.cells()).extracting(c -> c.init()).contains(StudyInit.values());
        assertThat(p.learningRate()).isEqualTo(0.01);
        assertThat(p.momentum()).isEqualTo(0.9);
    }

    @Test
    void quickPlanIsTheSameCellsWithAThirdOfTheBudget() {
        StudyPlan d = StudyPlan.defaults();
        StudyPlan q = StudyPlan.quick();

        assertThat(q.cells()).isEqualTo(d.cells());
        assertThat(q.totalIterations()).isEqualTo(d.totalIterations() / 3);
    }

    @Test
    void withInitsKeepsOnlyThoseAndDropsEmptyExperiments() {
        StudyPlan p = StudyPlan.defaults().withInits(EnumSet.of(StudyInit.HE, StudyInit.STANDARD));

        assertThat(p.cells()).extracting(Cell::id).containsExactly("relu-30x256/he", "tanh-10x256/standard",
                "sigmoid-4x1000/standard");
    }

    @Test
    void badInputNamesTheParameterValueAndRule() {
        assertThatThrownBy(() -> StudyPlan.defaults().withIterations(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("iterations must be >= 1, was 0");
        assertThatThrownBy(() -> StudyPlan.defaults().withInits(EnumSet.noneOf(StudyInit.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("inits must name at least one initializer, was []");
        assertThatThrownBy(() -> new Architecture(Activation.RELU, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("depth must be >= 1 hidden layers, was 0");
        assertThatThrownBy(() -> new StudyPlan(List.of(), 0.01, 0.9, 100, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("experiments must not be empty, was []");
        assertThatThrownBy(() -> new StudyPlan(StudyPlan.defaults().experiments(), 0.01, 1.0, 100, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("momentum must be in [0, 1), was 1.0");
        assertThatThrownBy(() -> StudyInit.parse("kaiming")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown initializer 'kaiming': expected one of zero, tiny, standard, xavier, he, lsuv");
    }

    @Test
    void standardInitIsUniformWithBoundOneOverSqrtFanIn() {
        org.deeplearning4j.nn.weights.IWeightInit w = StudyInit.STANDARD.weightInit();
        org.nd4j.linalg.api.ndarray.INDArray view = org.nd4j.linalg.factory.Nd4j.create(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 400 * 300);
        w.init(400, 300, new long[] {400, 300}, 'f', view);

        assertThat(view.maxNumber().doubleValue()).isLessThanOrEqualTo(1 / Math.sqrt(400)).isGreaterThan(0.049);
        assertThat(view.minNumber().doubleValue()).isGreaterThanOrEqualTo(-1 / Math.sqrt(400)).isLessThan(-0.049);
    }
}
