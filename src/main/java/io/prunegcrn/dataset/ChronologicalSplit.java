package io.prunegcrn.dataset;

/**
 * The 6 : 2 : 2 chronological split of MODEL.md: steps [0, trainEnd) train, [trainEnd, validationEnd)
 * validation, [validationEnd, steps) test. Boundaries are floor(0.6·T) and floor(0.8·T), as the reference.
 */
public record ChronologicalSplit(int steps, int trainEnd, int validationEnd) {

    public static ChronologicalSplit of(int steps) {
        return new ChronologicalSplit(steps, (int) Math.floor(steps * 0.6), (int) Math.floor(steps * 0.8));
    }

    /** Fails with a clear reason when a part is too short to hold one window of lag + horizon steps. */
    public ChronologicalSplit requireWindows(String file, int lag, int horizon) {
        int need = lag + horizon;
        int shortest = Math.min(trainEnd, Math.min(validationEnd - trainEnd, steps - validationEnd));
        if (shortest < need) {
            int minSteps = 5 * need - 2; // smallest T with floor(0.2T) >= need in every part
            throw new DatasetFormatException(file, 0, "too few steps for one window: " + steps + " steps split 6:2:2 leave "
                    + shortest + " in the shortest part, a window needs " + need + " (lag " + lag + " + horizon " + horizon
                    + "); give at least " + minSteps + " steps");
        }
        return this;
    }

    public int trainSteps() {
        return trainEnd;
    }

    public int validationSteps() {
        return validationEnd - trainEnd;
    }

    public int testSteps() {
        return steps - validationEnd;
    }
}
