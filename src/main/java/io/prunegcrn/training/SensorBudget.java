package io.prunegcrn.training;

/** The share γ of N sensors a user allows, and the count it allows: ⌈γN⌉. */
public record SensorBudget(int nodes, double gamma) {

    public SensorBudget {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
        }
    }

    /** ⌈γN⌉, robust to the binary representation of γ (0.15 × 40 is 6, not 7). */
    public int allowed() {
        return Math.max(1, (int) Math.ceil(gamma * nodes - 1e-9));
    }

    public boolean admits(int kept) {
        return kept <= allowed();
    }
}
