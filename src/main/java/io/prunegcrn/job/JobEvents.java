package io.prunegcrn.job;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Server-sent events per job: {@code progress} while it runs, one {@code status} when it finishes. */
@Component
public class JobEvents {

    private static final long TIMEOUT_MS = 24L * 3600 * 1000;
    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();

    /** Subscribes to a job; a finished job gets its final status at once and the stream closes. */
    public SseEmitter subscribe(TrainingJob job) {
        SseEmitter emitter = new SseEmitter(TIMEOUT_MS);
        if (job.status().finished()) {
            send(emitter, "status", job);
            emitter.complete();
            return emitter;
        }
        List<SseEmitter> list = subscribers.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        Runnable remove = () -> list.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(e -> remove.run());
        send(emitter, "status", job);
        return emitter;
    }

    void progress(TrainingJob job) {
        for (SseEmitter e : subscribers.getOrDefault(job.id(), List.of())) {
            send(e, "progress", job.progress());
        }
    }

    void status(TrainingJob job) {
        List<SseEmitter> list = subscribers.getOrDefault(job.id(), List.of());
        for (SseEmitter e : list) {
            send(e, "status", job);
            if (job.status().finished()) {
                e.complete();
            }
        }
        if (job.status().finished()) {
            subscribers.remove(job.id());
        }
    }

    private static void send(SseEmitter emitter, String name, Object data) {
        try {
            emitter.send(SseEmitter.event().name(name).data(data));
        } catch (IOException | IllegalStateException e) {
            emitter.completeWithError(e);
        }
    }
}
