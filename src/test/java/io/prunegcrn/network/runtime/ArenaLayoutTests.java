package io.prunegcrn.network.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.prunegcrn.network.runtime.ArenaLayout.Block;

class ArenaLayoutTests {

    @Test
    void arraysLiveAtDifferentTimesShareMemoryAndLiveOnesDoNot() {
        List<Block> blocks = List.of(new Block(100, 0, 1), new Block(100, 2, 3), new Block(30, 1, 2));
        ArenaLayout layout = new ArenaLayout(blocks);

        assertThat(layout.offset(0)).isEqualTo(layout.offset(1));
        assertThat(layout.offset(2)).isGreaterThanOrEqualTo(112); // after the first two, aligned
        assertThat(layout.peakLive()).isEqualTo(130);
        assertThat(layout.size()).isEqualTo(112 + 32);
    }

    @Test
    void aSmallArrayFillsTheGapBetweenTwoLargeOnes() {
        // 0 [0, 4] and 2 [0, 4] leave 1's place (dead after op 1) free for 3 from op 2 on
        List<Block> blocks = List.of(new Block(1600, 0, 4), new Block(800, 0, 1), new Block(1600, 0, 4), new Block(480, 2, 4));
        ArenaLayout layout = new ArenaLayout(blocks);

        assertThat(layout.size()).isEqualTo(1600 + 1600 + 800);
        assertNoTwoLiveArraysOverlap(blocks, layout);
    }

    @Test
    void noTwoArraysLiveAtOneTimeOverlapInRandomPlans() {
        Random rnd = new Random(1);
        for (int plan = 0; plan < 50; plan++) {
            List<Block> blocks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int first = rnd.nextInt(300);
                blocks.add(new Block(1 + rnd.nextInt(5000), first, first + rnd.nextInt(40)));
            }
            ArenaLayout layout = new ArenaLayout(blocks);
            assertNoTwoLiveArraysOverlap(blocks, layout);
            assertThat(layout.size()).isGreaterThanOrEqualTo(layout.peakLive()).isLessThan(2 * layout.peakLive());
            for (int i = 0; i < blocks.size(); i++) {
                assertThat(layout.offset(i) % ArenaLayout.ALIGN).isZero();
            }
        }
    }

    private static void assertNoTwoLiveArraysOverlap(List<Block> blocks, ArenaLayout layout) {
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(layout.offset(i) + blocks.get(i).size()).isLessThanOrEqualTo(layout.size());
            for (int j = i + 1; j < blocks.size(); j++) {
                if (blocks.get(i).overlapsInTime(blocks.get(j))) {
                    boolean apart = layout.offset(i) + blocks.get(i).size() <= layout.offset(j)
                            || layout.offset(j) + blocks.get(j).size() <= layout.offset(i);
                    assertThat(apart).as("blocks %d and %d", i, j).isTrue();
                }
            }
        }
    }
}
