package org.dl4jinit.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExecutorJavaOptionsTest {

    @Test
    void executorsGetJavaCppsResidentMemoryCheckOffAndTheThroughputCollectorAddedToWhatIsConfigured() {
        assertThat(SparkRungExecutorFactory.executorJavaOptions(""))
                .isEqualTo("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseParallelGC");
        assertThat(SparkRungExecutorFactory.executorJavaOptions(" -Xss4m "))
                .isEqualTo("-Xss4m -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -XX:+UseParallelGC");
        assertThat(SparkRungExecutorFactory.EXECUTOR_JAVA_OPTIONS)
                .isEqualTo(SparkRungExecutorFactory.executorJavaOptions(""));
    }

    @Test
    void aLimitTheUserSetIsKept() {
        assertThat(SparkRungExecutorFactory.executorJavaOptions("-Dorg.bytedeco.javacpp.maxphysicalbytes=20G"))
                .isEqualTo("-Dorg.bytedeco.javacpp.maxphysicalbytes=20G -XX:+UseParallelGC");
    }

    @Test
    void aCollectorTheUserChoseIsKept() {
        assertThat(SparkRungExecutorFactory.executorJavaOptions(" -XX:+UseG1GC "))
                .isEqualTo("-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        assertThat(SparkRungExecutorFactory.executorJavaOptions("-XX:+UseZGC -XX:+ZGenerational"))
                .isEqualTo("-XX:+UseZGC -XX:+ZGenerational -Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        assertThat(SparkRungExecutorFactory.executorJavaOptions("-XX:-UseParallelGC -XX:+UseSerialGC"))
                .isEqualTo("-XX:-UseParallelGC -XX:+UseSerialGC -Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
    }
}
