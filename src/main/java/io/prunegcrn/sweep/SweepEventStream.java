package io.prunegcrn.sweep;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.prunegcrn.api.SseHeartbeats;
import io.prunegcrn.job.TrainingJobService;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A sweep as server-sent events: {@code progress} (jobs done of all, queued, running, waiting, ETA) now and whenever
 * one of its jobs changes status, a heartbeat comment every 10 s in between; the stream ends when every job has
 * finished and none waits for its warm start.
 */
@Component
class SweepEventStream {

    private static final long TIMEOUT_MS = 24L * 3600 * 1000;

    private final SweepService sweeps;
    private final TrainingJobService jobs;
    private final SseHeartbeats heartbeats;

    SweepEventStream(SweepService sweeps, TrainingJobService jobs, SseHeartbeats heartbeats) {
        this.sweeps = sweeps;
        this.jobs = jobs;
        this.heartbeats = heartbeats;
    }

    SseEmitter subscribe(String sweepId, HttpServletResponse response) {
        sweeps.find(sweepId); // 404 before the stream starts
        SseEmitter emitter = heartbeats.register(new SseEmitter(TIMEOUT_MS), response);
        Map<String, Runnable> followed = new ConcurrentHashMap<>();
        Runnable stop = () -> followed.values().forEach(Runnable::run);
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        new Object() {
            /** Sends where the sweep stands; follows jobs queued since (a warm start releases them later). */
            synchronized void update() {
                Sweep sweep;
                SweepReport report;
                try {
                    sweep = sweeps.find(sweepId);
                    report = sweeps.report(sweepId);
                } catch (RuntimeException gone) {
                    emitter.complete(); // deleted meanwhile
                    return;
                }
                for (String jobId : sweep.jobIds()) {
                    followed.computeIfAbsent(jobId, id -> jobs.onStatus(id, j -> update()));
                }
                try {
                    emitter.send(SseEmitter.event().name("progress").data(report.progress()));
                } catch (IOException | IllegalStateException closed) {
                    emitter.completeWithError(closed);
                    return;
                }
                SweepProgress p = report.progress();
                if (p.jobsDone() == p.jobsTotal() && p.waiting() == 0) {
                    emitter.complete();
                }
            }
        }.update();
        return emitter;
    }
}
