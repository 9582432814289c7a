package cn.gongji.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Test-only: wraps the service's DataSource so that every statement execution and every commit or
 * rollback is counted (each is one round trip to PostgreSQL; a JDBC batch counts once). Registered
 * for every {@code @ServiceIT} by {@link TestStore}, so the contexts stay shared; {@link #capture}
 * measures a stretch of work done with no other requests running.
 */
public final class StatementCounter implements BeanPostProcessor {

    private static final AtomicLong STATEMENTS = new AtomicLong();
    private static final AtomicLong ENDS = new AtomicLong();
    private static final List<String> RECENT = new ArrayList<>();
    private static volatile boolean recording;

    /** Statements and transaction ends (commit/rollback) seen while the action ran, and the SQL executed. */
    public record Count(long statements, long commits, List<String> sql) {
        public long roundTrips() {
            return statements + commits;
        }
    }

    public static Count capture(Runnable action) {
        synchronized (RECENT) {
            RECENT.clear();
        }
        long s0 = STATEMENTS.get();
        long e0 = ENDS.get();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        synchronized (RECENT) {
            return new Count(STATEMENTS.get() - s0, ENDS.get() - e0, List.copyOf(RECENT));
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DataSource ds && !Proxy.isProxyClass(ds.getClass())) {
            return proxy(DataSource.class, ds, (target, m, args) -> {
                Object r = m.invoke(target, args);
                return r instanceof Connection c && m.getName().equals("getConnection") ? connection(c) : r;
            });
        }
        return bean;
    }

    private static Connection connection(Connection c) {
        return proxy(Connection.class, c, (target, m, args) -> {
            // a commit or rollback of a connection not in a transaction sends nothing (the driver skips
            // it): the transaction ended with its last statement (TailCommit)
            boolean ends = (m.getName().equals("commit") || m.getName().equals("rollback"))
                    && (args == null || args.length == 0) && !scheduledJob() && inTransaction((Connection) target);
            Object r = m.invoke(target, args);
            switch (m.getName()) {
                case "commit", "rollback" -> {
                    if (ends) {
                        ENDS.incrementAndGet();
                        note(m.getName());
                    }
                }
                case "prepareStatement", "prepareCall", "createStatement" -> {
                    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                    return statement(m.getReturnType(), (Statement) r, sql);
                }
                default -> { }
            }
            return r;
        });
    }

    private static boolean inTransaction(Connection c) throws SQLException {
        // ShardingSphere's logical connection is no PostgreSQL connection: every end counted, as before
        return !c.isWrapperFor(BaseConnection.class) || c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
    }

    @SuppressWarnings("unchecked")
    private static Statement statement(Class<?> type, Statement s, String prepared) {
        return proxy((Class<Statement>) type, s, (target, m, args) -> {
            if (m.getName().startsWith("execute") && !scheduledJob()) {
                STATEMENTS.incrementAndGet();
                note(prepared != null ? prepared : (args != null && args.length > 0 ? String.valueOf(args[0]) : m.getName()));
            }
            return m.invoke(target, args);
        });
    }

    /**
     * A scheduled job's statement (Spring's scheduler threads, "scheduling-N": e.g. the family
     * reservation sweep every 30 s) is not the measured request's, even when it runs beside it.
     */
    private static boolean scheduledJob() {
        return Thread.currentThread().getName().startsWith("scheduling-");
    }

    private static void note(String sql) {
        if (recording) {
            synchronized (RECENT) {
                RECENT.add(sql.strip().replaceAll("\\s+", " "));
            }
        }
    }

    interface Call {
        Object apply(Object target, Method m, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler h = (p, m, args) -> {
            try {
                return call.apply(target, m, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, h);
    }
}
