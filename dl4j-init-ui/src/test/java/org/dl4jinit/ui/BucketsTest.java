package org.dl4jinit.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BucketsTest {

    @Test
    void constructorRejectsOddCapacityAndEmptyWidth() {
        assertThatThrownBy(() -> new Buckets(3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity must be even and >= 2, was 3");
        assertThatThrownBy(() -> new Buckets(4, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width must be >= 1, was 0");
    }

    @Test
    void belowCapacityEveryRecordIsItsOwnBucket() {
        Buckets b = new Buckets(8, 2);
        for (int i = 0; i < 5; i++) {
            b.append(10 + i, new float[] {i, -i});
        }
        Buckets.View v = b.view(0);
        assertThat(v.stride).isEqualTo(1);
        assertThat(v.firstIteration).containsExactly(10, 11, 12, 13, 14);
        assertThat(v.mean(3, 0)).isEqualTo(3f);
        assertThat(v.min(3, 1)).isEqualTo(-3f);
    }

    @Test
    void fullBucketsMergeInPairsKeepingExactMinMaxAndMean() {
        Buckets b = new Buckets(4, 1);
        // 0..9 with a spike of 100 at record 5
        for (int i = 0; i < 10; i++) {
            b.append(i, new float[] {i == 5 ? 100 : i});
        }
        Buckets.View v = b.view(0);
        // 4 buckets of 1 → 2 of 2 → (4 of 2) → 2 of 4: records {0-3}, {4-7}, {8-9}
        assertThat(v.stride).isEqualTo(4);
        assertThat(v.firstIteration).containsExactly(0, 4, 8);
        assertThat(v.lastIteration).containsExactly(3, 7, 9);
        assertThat(v.records).containsExactly(4, 4, 2);
        assertThat(v.max(1, 0)).isEqualTo(100f);
        assertThat(v.min(1, 0)).isEqualTo(4f);
        assertThat(v.mean(1, 0)).isEqualTo((4 + 100 + 6 + 7) / 4f);
        assertThat(v.mean(2, 0)).isEqualTo(8.5f);
    }

    @Test
    void fiftyThousandRecordsStayWithinCapacityAndCoverEveryRecord() {
        Buckets b = new Buckets(512, 3);
        for (int i = 0; i < 50_000; i++) {
            b.append(i, new float[] {i, 1, Float.NaN});
        }
        Buckets.View v = b.view(0);
        assertThat(v.size()).isLessThanOrEqualTo(512).isGreaterThan(256);
        assertThat(v.stride).isEqualTo(128);
        long covered = 0;
        for (int r : v.records) {
            covered += r;
        }
        assertThat(covered).isEqualTo(50_000);
        assertThat(v.max(v.size() - 1, 0)).isEqualTo(49_999f);
        assertThat(v.mean(0, 1)).isEqualTo(1f);
        assertThat(v.mean(0, 2)).isNaN();
    }

    @Test
    void nanIsSkippedAndInfinityCountedAsNonFiniteOutsideMinMaxAndMean() {
        Buckets b = new Buckets(2, 1);
        b.append(0, new float[] {Float.NaN});
        b.append(1, new float[] {Float.POSITIVE_INFINITY});
        b.append(2, new float[] {2});
        b.append(3, new float[] {Float.NEGATIVE_INFINITY});
        Buckets.View v = b.view(0);
        assertThat(v.stride).isEqualTo(2);
        assertThat(v.mean(0, 0)).isNaN();
        assertThat(v.max(0, 0)).isNaN();
        assertThat(v.nonFinite(0, 0)).isEqualTo(1);
        assertThat(v.mean(1, 0)).isEqualTo(2f);
        assertThat(v.max(1, 0)).isEqualTo(2f);
        assertThat(v.nonFinite(1, 0)).isEqualTo(1);
        assertThat(v.anyNonFinite(0)).isTrue();
    }

    @Test
    void nonFiniteCountsAddUpWhenBucketsMerge() {
        Buckets b = new Buckets(4, 2);
        for (int i = 0; i < 16; i++) {
            b.append(i, new float[] {i % 3 == 0 ? Float.POSITIVE_INFINITY : 1, 1});
        }
        Buckets.View v = b.view(0);
        // stride 4: records {0-3}, {4-7}, {8-11}, {12-15}; infinite at 0, 3, 6, 9, 12, 15
        assertThat(v.stride).isEqualTo(4);
        assertThat(new int[] {v.nonFinite(0, 0), v.nonFinite(1, 0), v.nonFinite(2, 0), v.nonFinite(3, 0)})
                .containsExactly(2, 1, 1, 2);
        assertThat(v.anyNonFinite(1)).isFalse();
        assertThat(v.mean(0, 0)).isEqualTo(1f);
    }

    @Test
    void viewFromAnIndexCopiesOnlyTheTail() {
        Buckets b = new Buckets(8, 1);
        for (int i = 0; i < 6; i++) {
            b.append(i, new float[] {i});
        }
        Buckets.View v = b.view(4);
        assertThat(v.from).isEqualTo(4);
        assertThat(v.firstIteration).containsExactly(4, 5);
        assertThat(v.mean(1, 0)).isEqualTo(5f);
    }
}
