package io.prunegcrn.system;

import java.util.List;

/**
 * One page of a list answer: {@code items} of the page {@code page} (0 = the first) of {@code size} items, and how
 * many there are in all ({@code total}), so a client knows when it has seen every item. Lists are sorted before they
 * are paged (newest first where items have a time).
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The page of {@code all}; page and size as the request gave them (null: the first page, {@value #DEFAULT_SIZE}). */
    public static <T> Page<T> of(List<T> all, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new IllegalArgumentException("page: must be 0 or more, got " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be between 1 and " + MAX_SIZE + ", got " + s);
        }
        long from = (long) p * s;
        List<T> items = from >= all.size() ? List.of() : List.copyOf(all.subList((int) from, (int) Math.min(all.size(), from + s)));
        return new Page<>(items, p, s, all.size());
    }
}
