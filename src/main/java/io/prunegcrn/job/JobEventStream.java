package io.prunegcrn.job;

import java.io.IOException;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.prunegcrn.api.SseHeartbeats;
import jakarta.servlet.http.HttpServletResponse;

/** The web side of {@link JobEvents}: one server-sent event stream per follower of a job, with heartbeats. */
@Component
class JobEventStream {

    private static final long TIMEOUT_MS = 24L * 3600 * 1000;

    private final JobEvents events;
    private final SseHeartbeats heartbeats;

    JobEventStream(JobEvents events, SseHeartbeats heartbeats) {
        this.events = events;
        this.heartbeats = heartbeats;
    }

    /** {@code status} now and on every change, {@code progress} while it runs; a finished job's stream closes at once. */
    SseEmitter subscribe(TrainingJob job, HttpServletResponse response) {
        SseEmitter emitter = heartbeats.register(new SseEmitter(TIMEOUT_MS), response);
        if (job.status().finished()) {
            send(emitter, "status", job);
            emitter.complete();
            return emitter;
        }
        Runnable unsubscribe = events.subscribe(job.id(), new JobEvents.Listener() {
            @Override
            public void progress(TrainingJob j) {
                send(emitter, "progress", j.progress());
            }

            @Override
            public void status(TrainingJob j) {
                send(emitter, "status", j);
                if (j.status().finished()) {
                    emitter.complete();
                }
            }
        });
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(e -> unsubscribe.run());
        send(emitter, "status", job);
        return emitter;
    }

    private static void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
