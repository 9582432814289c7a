package cn.gongji.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

class SqlStatesTest {

    @Test
    void the_state_is_found_under_springs_and_the_drivers_wrappers() {
        SQLException deadlock = new SQLException("deadlock detected", SqlStates.DEADLOCK);
        RuntimeException wrapped = new RuntimeException("batch", new CannotAcquireLockException("lock", deadlock));

        assertThat(SqlStates.of(wrapped)).contains("40P01");
        assertThat(SqlStates.is(wrapped, SqlStates.DEADLOCK)).isTrue();
        assertThat(SqlStates.is(wrapped, SqlStates.LOCK_NOT_AVAILABLE)).isFalse();
    }

    @Test
    void a_failure_without_an_sql_state_has_none() {
        assertThat(SqlStates.of(new IllegalStateException("x", new SQLException("no state")))).isEmpty();
        assertThat(SqlStates.of(null)).isEmpty();
    }
}
