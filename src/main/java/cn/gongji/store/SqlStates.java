package cn.gongji.store;

import java.sql.SQLException;
import java.util.Optional;

/** PostgreSQL's SQLSTATE of a failure, however deeply Spring or a driver wrapped it. */
public final class SqlStates {

    /** Deadlock detected: PostgreSQL rolled this transaction back to break a cycle. */
    public static final String DEADLOCK = "40P01";
    /** Serialization failure: the transaction's snapshot could not be kept. */
    public static final String SERIALIZATION_FAILURE = "40001";
    /** A lock asked with NOWAIT was held by another transaction. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private SqlStates() {}

    /** The SQLSTATE of the first SQLException in the cause chain that has one. */
    public static Optional<String> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException q && q.getSQLState() != null) {
                return Optional.of(q.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** Whether the failure's SQLSTATE is {@code state}. */
    public static boolean is(Throwable e, String state) {
        return of(e).filter(state::equals).isPresent();
    }
}
