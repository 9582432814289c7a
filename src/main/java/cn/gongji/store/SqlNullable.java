package cn.gongji.store;

import java.math.BigDecimal;
import java.sql.Types;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Statement parameters that may be null, bound with the type they have when they are not, so that a
 * statement keeps ONE parameter signature from one execution to the next. PostgreSQL's driver
 * prepares a statement once per connection and re-prepares it (parse and plan again, on the server)
 * whenever a parameter's type differs from the last execution, and it binds a bare null as
 * "unspecified" while it binds a String as varchar: a column that is sometimes null (a memo, an
 * optional field of a HIS message) made the statement be parsed and planned on nearly every call.
 */
public final class SqlNullable {

    private SqlNullable() {}

    public static SqlParameterValue text(String value) {
        return new SqlParameterValue(Types.VARCHAR, value);
    }

    public static SqlParameterValue decimal(BigDecimal value) {
        return new SqlParameterValue(Types.NUMERIC, value);
    }

    // No timestamp here: the driver binds a null timestamp as "unspecified" whatever SQL type it is
    // given, and the way round that (text, cast in the SQL or left untyped) breaks under ShardingSphere
    // (its rewriter mangles `cast(? as timestamp)`; it binds an untyped text as varchar).
}
