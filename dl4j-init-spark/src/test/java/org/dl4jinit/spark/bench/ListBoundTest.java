package org.dl4jinit.spark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ListBoundTest {

    @Test
    void theLongestJobFirstLetsTwoSlotsHalveTheTime() {
        // slot 1: 5; slot 2: 3, then 2
        assertThat(SparkSearchBenchmark.listBound(new long[] {5, 3, 2}, 2)).isEqualTo(2.0);
    }

    @Test
    void theLongestJobLastBoundsTheMakespan() {
        // slot 1: 2, then 5 from time 2; slot 2: 3
        assertThat(SparkSearchBenchmark.listBound(new long[] {2, 3, 5}, 2)).isCloseTo(10 / 7.0, within(1e-12));
    }

    @Test
    void oneSlotIsNoFaster() {
        assertThat(SparkSearchBenchmark.listBound(new long[] {2, 3, 5}, 1)).isEqualTo(1.0);
    }
}
