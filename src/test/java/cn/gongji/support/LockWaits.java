package cn.gongji.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Waits the tests observe in PostgreSQL: backends of the test's database waiting for a lock. */
public final class LockWaits {

    private LockWaits() {}

    /**
     * Backends of this database waiting for a lock (a row's holder, or their turn behind another
     * waiter: {@code pg_stat_activity.wait_event_type = 'Lock'}), polled every 50 ms until {@code n}
     * wait, 10 s at most. Returns how many waited at the last poll.
     */
    public static long await(JdbcClient db, int n) throws InterruptedException {
        long waiting = 0;
        for (int i = 0; i < 200 && waiting < n; i++) {
            Thread.sleep(50);
            waiting = db.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                    .query(Long.class).single();
        }
        return waiting;
    }
}
