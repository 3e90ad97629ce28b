package org.selfsup4j.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.selfsup4j.trainer.train.StopSignal;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into a {@link StopSignal}: training stops after its current step, the command
 * saves what it has and marks the run "interrupted", and only then does the JVM exit (the hook waits up to 60 s).
 */
final class RunGuard implements AutoCloseable {
    private final StopSignal stop = new StopSignal();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean interrupted;

    RunGuard() {
        hook = new Thread(() -> {
            interrupted = true;
            stop.request();
            System.err.println("\ninterrupted: finishing the current step and saving ...");
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "selfsup-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    StopSignal stopSignal() {
        return stop;
    }

    boolean interrupted() {
        return interrupted || stop.isRequested();
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running and has just been released
        }
    }
}
