package io.prunegcrn.sweep;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

import io.prunegcrn.job.JobStatus;
import io.prunegcrn.job.TrainingJob;
import io.prunegcrn.training.Forecaster;

/**
 * Where a sweep stands, in one line: jobs done of all (those waiting for the warm start included), and an ETA. The
 * ETA adds what is left of each running job (its own estimate) to the expected length of each job not started yet
 * (the mean of the sweep's finished jobs of its kind: full network, pruned network, linear), divided by the jobs
 * that train at once; null while a kind that is still to run has no finished or running example.
 */
record SweepProgress(int jobsDone, int jobsTotal, int running, int queued, int waiting, int failed, Double etaSeconds,
        String line) {

    static SweepProgress of(List<TrainingJob> jobs, int waiting, int parallel) {
        int done = 0;
        int running = 0;
        int queued = 0;
        int failed = 0;
        double left = 0;
        boolean known = true;
        for (TrainingJob j : jobs) {
            if (j.status().finished()) {
                done++;
                failed += j.status() == JobStatus.SUCCEEDED ? 0 : 1;
            } else if (j.status() == JobStatus.RUNNING) {
                running++;
                double eta = j.progress() == null ? Double.NaN : j.progress().etaSeconds();
                OptionalDouble typical = typicalSeconds(jobs, kind(j));
                if (Double.isFinite(eta)) {
                    left += eta;
                } else if (typical.isPresent()) {
                    left += typical.getAsDouble();
                } else {
                    known = false;
                }
            } else {
                queued++;
                OptionalDouble typical = typicalSeconds(jobs, kind(j));
                known &= typical.isPresent();
                left += typical.orElse(0);
            }
        }
        if (waiting > 0) {
            OptionalDouble typical = typicalSeconds(jobs, "pruned");
            known &= typical.isPresent();
            left += waiting * typical.orElse(0);
        }
        int total = jobs.size() + waiting;
        Double eta = done == total ? Double.valueOf(0) : known ? left / Math.max(1, parallel) : null;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d of %d jobs done", done, total));
        if (running + queued + waiting > 0) {
            line.append(String.format(Locale.ROOT, " (%d running, %d queued%s)", running, queued,
                    waiting > 0 ? ", " + waiting + " waiting for the full network" : ""));
        }
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed or cancelled");
        }
        if (eta != null && done < total) {
            line.append(", about ").append(humanize(eta)).append(" left");
        }
        return new SweepProgress(done, total, running, queued, waiting, failed, eta, line.toString());
    }

    /** Full network, pruned network or linear: jobs of one kind take about as long as each other. */
    private static String kind(TrainingJob j) {
        if (j.config().forecaster() == Forecaster.LINEAR) {
            return "linear";
        }
        return j.config().gamma() >= 1.0 ? "full" : "pruned";
    }

    /** Mean seconds of the finished jobs of a kind, else the running one's expected total; empty when none. */
    private static OptionalDouble typicalSeconds(List<TrainingJob> jobs, String kind) {
        OptionalDouble finished = jobs.stream()
                .filter(j -> j.status() == JobStatus.SUCCEEDED && kind(j).equals(kind) && j.startedAt() != null
                        && j.finishedAt() != null)
                .mapToDouble(j -> Duration.between(j.startedAt(), j.finishedAt()).toMillis() / 1000.0).average();
        if (finished.isPresent()) {
            return finished;
        }
        return jobs.stream().filter(j -> j.status() == JobStatus.RUNNING && kind(j).equals(kind) && j.progress() != null
                && Double.isFinite(j.progress().etaSeconds()))
                .mapToDouble(j -> j.progress().elapsedSeconds() + j.progress().etaSeconds()).average();
    }

    private static String humanize(double seconds) {
        long s = Math.round(seconds);
        return s < 90 ? s + " s" : s < 5400 ? Math.round(s / 60.0) + " min" : String.format(Locale.ROOT, "%.1f h", s / 3600.0);
    }
}
