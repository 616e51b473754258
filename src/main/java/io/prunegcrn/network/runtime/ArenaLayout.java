package io.prunegcrn.network.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where a plan's arrays lie in one arena, from their sizes and lifetimes: two arrays share memory only if no op runs
 * while both are live. Greedy by size, as TensorFlow Lite lays out its arena: the largest array first, each in the
 * smallest gap that is free throughout its lifetime (else above everything live then).
 *
 * <p>Why not reuse buffers as arrays die (what the plan did before): a freed buffer then serves only arrays of about its
 * size, so the large arrays of a layer's input half sat idle while the many small ones of the recurrent steps got new
 * buffers. Knowing every lifetime up front, small arrays fill the gaps of large ones.
 */
final class ArenaLayout {

    /** Offsets are multiples of this many elements (64 bytes of floats: whole cache lines, aligned vector loads). */
    static final long ALIGN = 16;

    /**
     * An array to place.
     *
     * @param size  elements
     * @param first index of the op that writes it
     * @param last  index of the last op that reads it (at least {@code first})
     */
    record Block(long size, int first, int last) {

        boolean overlapsInTime(Block other) {
            return first <= other.last && other.first <= last;
        }
    }

    private final long[] offsets;
    private final long size;
    private final long peakLive;

    ArenaLayout(List<Block> blocks) {
        offsets = new long[blocks.size()];
        List<Integer> placed = new ArrayList<>();
        Integer[] bySize = IntStream.range(0, blocks.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(bySize, Comparator.comparingLong((Integer i) -> -blocks.get(i).size())
                .thenComparingInt(i -> blocks.get(i).first()));
        long top = 0;
        for (int i : bySize) {
            Block block = blocks.get(i);
            long length = aligned(block.size());
            List<Integer> concurrent = new ArrayList<>();
            for (int j : placed) {
                if (block.overlapsInTime(blocks.get(j))) {
                    concurrent.add(j);
                }
            }
            concurrent.sort(Comparator.comparingLong(j -> offsets[j]));
            long best = -1;
            long bestGap = Long.MAX_VALUE;
            long end = 0; // the highest end below the gap being looked at
            for (int j : concurrent) {
                long gap = offsets[j] - end;
                if (gap >= length && gap < bestGap) {
                    best = end;
                    bestGap = gap;
                }
                end = Math.max(end, offsets[j] + aligned(blocks.get(j).size()));
            }
            offsets[i] = best >= 0 ? best : end;
            top = Math.max(top, offsets[i] + length);
            placed.add(i);
        }
        size = top;
        peakLive = peakLive(blocks);
    }

    /** Where block {@code i} starts, in elements from the arena's start. */
    long offset(int i) {
        return offsets[i];
    }

    /** Elements the arena needs. */
    long size() {
        return size;
    }

    /** The largest total size of the blocks live at one time: no layout needs less than this. */
    long peakLive() {
        return peakLive;
    }

    private static long aligned(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static long peakLive(List<Block> blocks) {
        int ops = blocks.stream().mapToInt(Block::last).max().orElse(0) + 2;
        long[] change = new long[ops];
        for (Block b : blocks) {
            change[b.first()] += b.size();
            change[b.last() + 1] -= b.size();
        }
        long live = 0;
        long peak = 0;
        for (long c : change) {
            live += c;
            peak = Math.max(peak, live);
        }
        return peak;
    }
}
