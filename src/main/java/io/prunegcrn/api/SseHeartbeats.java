package io.prunegcrn.api;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps server-sent event streams open through proxies: every stream registered here gets a comment line
 * ({@code :heartbeat}, ignored by EventSource) every {@code prunegcrn.streams.heartbeat}, one thread for all of them.
 * A stream that completed or whose client went away is dropped at its next beat.
 */
@Component
public class SseHeartbeats implements AutoCloseable {

    /** Asks nginx (and proxies that honour it) not to buffer the stream. */
    public static final String NO_BUFFERING = "X-Accel-Buffering";

    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sse-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public SseHeartbeats(StreamProperties properties) {
        long every = properties.heartbeat().toMillis();
        beat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Beats on {@code emitter} until it ends; the response is marked unbuffered. */
    public SseEmitter register(SseEmitter emitter, HttpServletResponse response) {
        response.setHeader(NO_BUFFERING, "no");
        streams.add(emitter);
        return emitter;
    }

    int open() {
        return streams.size();
    }

    private void beat() {
        for (SseEmitter emitter : streams) {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException gone) {
                streams.remove(emitter); // completed, timed out, or the client closed it
            }
        }
    }

    @Override
    public void close() {
        beat.shutdownNow();
    }
}
