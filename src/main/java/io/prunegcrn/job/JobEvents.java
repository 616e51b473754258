package io.prunegcrn.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.stereotype.Component;

/**
 * What happens to a job while it is followed: {@code progress} while it runs, {@code status} on every change. Plain
 * listeners per job, so the runners know nothing of HTTP; {@link JobEventStream} turns them into server-sent events.
 */
@Component
class JobEvents {

    /** Told about one job; called on the thread that trains it (or the queue's), so it must not block. */
    interface Listener {
        void progress(TrainingJob job);

        void status(TrainingJob job);
    }

    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

    /** Follows a job until it finishes (listeners are dropped then); run the answer to stop earlier. */
    Runnable subscribe(String jobId, Listener listener) {
        List<Listener> list = listeners.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    void progress(TrainingJob job) {
        for (Listener l : listeners.getOrDefault(job.id(), List.of())) {
            l.progress(job);
        }
    }

    void status(TrainingJob job) {
        for (Listener l : listeners.getOrDefault(job.id(), List.of())) {
            l.status(job);
        }
        if (job.status().finished()) {
            listeners.remove(job.id());
        }
    }
}
