package cn.gongji.store;

import java.sql.Types;
import java.util.Collection;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * A whole array as ONE statement parameter ({@code cast(:p as text[])}). A bare Java array or
 * collection would be expanded by Spring's named parameters into a list of placeholders (the form
 * {@code in (:ids)} wants), so it goes wrapped; PostgreSQL's driver sends it as one text array.
 */
public final class SqlArrays {

    private SqlArrays() {}

    public static SqlParameterValue text(Collection<String> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(String[]::new));
    }

    public static SqlParameterValue text(String[] values) {
        return new SqlParameterValue(Types.ARRAY, values);
    }

    public static SqlParameterValue ints(Collection<Integer> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(Integer[]::new));
    }
}
