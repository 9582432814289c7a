package cn.gongji.bench.sim;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A line printed every so many seconds while something runs; close() stops it. */
public final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private Progress(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static Progress every(int seconds, Runnable line) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "sim-progress");
            th.setDaemon(true);
            return th;
        });
        t.scheduleAtFixedRate(line, seconds, seconds, TimeUnit.SECONDS);
        return new Progress(t);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new SimulationException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulationException("interrupted");
        }
    }
}
