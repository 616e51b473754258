package io.prunegcrn.training;

/** The share γ of N sensors a user allows (checked by {@link TrainingConfig}), and the count it allows: ⌈γN⌉. */
public record SensorBudget(int nodes, double gamma) {

    /** ⌈γN⌉, robust to the binary representation of γ (0.15 × 40 is 6, not 7). */
    public int allowed() {
        return Math.max(1, (int) Math.ceil(gamma * nodes - 1e-9));
    }

    public boolean admits(int kept) {
        return kept <= allowed();
    }
}
