package org.dl4jinit.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutorJavaOptionsTest {

    @Test
    void executorsGetJavaCppsResidentMemoryCheckOffAddedToWhatIsConfigured() {
        assertThat(SparkRungExecutorFactory.executorJavaOptions(""))
                .isEqualTo("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        assertThat(SparkRungExecutorFactory.executorJavaOptions(" -XX:+UseG1GC "))
                .isEqualTo("-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
    }

    @Test
    void aLimitTheUserSetIsKept() {
        assertThat(SparkRungExecutorFactory.executorJavaOptions("-Dorg.bytedeco.javacpp.maxphysicalbytes=20G"))
                .isEqualTo("-Dorg.bytedeco.javacpp.maxphysicalbytes=20G");
    }
}
