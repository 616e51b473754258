package io.prunegcrn.job;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.prunegcrn.PruneGcrnApplication;

/**
 * One child JVM per job on this machine, running the trainer entry point of this same build: a trainer that runs
 * out of memory or is killed takes only itself down. Output goes to {@code jobs/{id}/trainer.log}. A child that
 * dies is started again up to the backoff limit (like a Kubernetes Job's pod), and resumes from the checkpoint.
 */
final class ProcessRunner implements ExternalRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

    private final JobStore store;
    private final TrainingProperties.Process settings;
    private final int threads;
    private final Map<String, Child> children = new ConcurrentHashMap<>();
    private volatile boolean closing;

    ProcessRunner(JobStore store, TrainingProperties.Process settings, int threads) {
        this.store = store;
        this.settings = settings;
        this.threads = threads;
    }

    /** A job's trainer: the current process, how many were started, and how the last one ended. */
    private static final class Child {
        volatile Process process;
        volatile int attempts;
        volatile boolean stopRequested;
        volatile RunState ended;
    }

    @Override
    public void launch(TrainingJob job) {
        Child child = new Child();
        if (children.putIfAbsent(job.id(), child) != null) {
            return;
        }
        start(job.id(), child);
    }

    private void start(String id, Child child) {
        List<String> command = command(id);
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(store.trainerLog(id).toFile()));
            // children share the cores: with OpenMP's default (a thread per core in each child) the two tiny trainings of
            // ProcessRunnerIntegrationTests on a loaded 2-core machine took over three minutes for their first two batches
            pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
            pb.environment().putAll(settings.environment());
            child.attempts++;
            child.process = pb.start();
            log.info("job {}: trainer pid {} started (attempt {})", id, child.process.pid(), child.attempts);
            child.process.onExit().thenAccept(p -> exited(id, child, p.exitValue()));
        } catch (IOException e) {
            child.ended = new RunState(RunState.Phase.FAILED, "cannot start the trainer: " + e.getMessage());
        }
    }

    private synchronized void exited(String id, Child child, int status) {
        if (status == 0) {
            child.ended = new RunState(RunState.Phase.SUCCEEDED, null);
        } else if (child.stopRequested || closing) {
            // stopped by us: for a cancel the trainer wrote CANCELLED; at shutdown the job stays queued
            child.ended = new RunState(RunState.Phase.FAILED, "stopped (" + describe(status) + ")");
        } else if (child.attempts <= settings.backoffLimit()) {
            log.warn("job {}: trainer {}; starting it again from the checkpoint", id, describe(status));
            start(id, child);
        } else {
            child.ended = new RunState(RunState.Phase.FAILED, "trainer " + describe(status) + " after " + child.attempts + " attempts");
        }
    }

    /** Java reports a child killed by signal n as exit status 128 + n. */
    static String describe(int status) {
        return switch (status) {
            case 137 -> "killed by SIGKILL (exit 137; out of memory?)";
            case 143 -> "terminated by SIGTERM (exit 143)";
            case TrainerMain.EXIT_PAUSED -> "paused (exit 75)";
            default -> "exited with status " + status;
        };
    }

    @Override
    public void stop(String jobId) {
        Child child = children.get(jobId);
        if (child != null && child.process != null) {
            child.stopRequested = true;
            child.process.destroy();
        }
    }

    @Override
    public Optional<RunState> state(String jobId) {
        Child child = children.get(jobId);
        if (child == null) {
            return Optional.empty();
        }
        RunState ended = child.ended;
        return Optional.of(ended != null ? ended : new RunState(RunState.Phase.RUNNING, null));
    }

    @Override
    public int activeCount() {
        return (int) children.values().stream().filter(c -> c.ended == null).count();
    }

    @Override
    public void forget(String jobId) {
        Child child = children.get(jobId);
        if (child != null && child.ended != null) {
            children.remove(jobId);
        }
    }

    /** The pid of a job's current trainer (tests kill it). */
    Optional<Long> pid(String jobId) {
        Child child = children.get(jobId);
        return child == null || child.process == null || child.ended != null ? Optional.empty() : Optional.of(child.process.pid());
    }

    /** SIGTERM to every child, then wait for their checkpoints; their jobs stay queued for the next start. */
    @Override
    public void close() {
        closing = true;
        List<Process> running = new ArrayList<>();
        for (Child c : children.values()) {
            if (c.process != null && c.process.isAlive()) {
                c.process.destroy();
                running.add(c.process);
            }
        }
        for (Process p : running) {
            try {
                if (!p.waitFor(55, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    private List<String> command(String id) {
        List<String> cmd = new ArrayList<>();
        String java = settings.javaCommand().isBlank()
                ? ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString())
                : settings.javaCommand();
        cmd.add(java);
        cmd.addAll(settings.jvmOptions());
        String classPath = System.getProperty("java.class.path");
        if (isBootJar(classPath)) {
            cmd.add("-jar");
            cmd.add(classPath);
        } else {
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(PruneGcrnApplication.class.getName());
        }
        cmd.add(TrainerMain.COMMAND);
        cmd.add(id);
        cmd.add("--prunegcrn.data-dir=" + store.dir().root());
        cmd.add(TrainerMain.PARENT_PID + ProcessHandle.current().pid());
        return cmd;
    }

    /** The packaged service (java -jar app.jar): its classes sit inside the jar, so the child needs -jar too. */
    private static boolean isBootJar(String classPath) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classPath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classPath, e);
        }
    }
}
