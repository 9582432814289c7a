package cn.gongji.settlement;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The answer of a successful state-changing HIS message, to be stored in his_message in the
 * transaction of its effect (exactly once per (fixmedins_code, msgid)). A settlement batch stores its
 * answers in the same call that writes its settlements ({@code gongji_settle_many}).
 */
public record StoredAnswer(String fixmedinsCode, String msgid, String infno, String bodySha256, String psnNo,
        String response) {

    /**
     * The his_message insert of an answer, for the WITH clause of the statement that writes the
     * effect (one round trip less); its parameters are bound by {@link #bind}.
     */
    static final String INSERT_INTO = "insert into his_message (fixmedins_code, msgid, infno, body_sha256, psn_no, response)";

    /** The parameter names of {@link #INSERT}, in the column order of {@link #INSERT_INTO}. */
    private static final String[] NAMES = {"ansInst", "ansMsgid", "ansInfno", "ansHash", "ansPsn", "ansResponse"};

    /** The values of {@link #INSERT_INTO}, as parameters. */
    static final String VALUES = ":" + String.join(", :", NAMES);

    static final String INSERT = INSERT_INTO + "\nvalues (" + VALUES + ")";

    /** {@link #INSERT} with positional parameters, bound by {@link #values}. */
    static final String INSERT_POSITIONAL = INSERT_INTO + "\nvalues (?, ?, ?, ?, ?, ?)";

    /** {@link #INSERT_POSITIONAL} of {@code answers} rows (a batch's answers), bound by {@link #values} one after another. */
    static String insertPositional(int answers) {
        return INSERT_INTO + "\nvalues " + String.join(", ", java.util.Collections.nCopies(answers, "(?, ?, ?, ?, ?, ?)"));
    }

    /** How many parameters {@link #INSERT} and {@link #INSERT_POSITIONAL} take. */
    static final int PARAMS = NAMES.length;

    private Object[] columns() {
        return new Object[] {fixmedinsCode, msgid, infno, bodySha256, psnNo, response};
    }

    /** Binds the parameters of {@link #INSERT} (the names a statement uses for this answer). */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        Object[] values = columns();
        for (int i = 0; i < NAMES.length; i++) {
            statement = statement.param(NAMES[i], values[i]);
        }
        return statement;
    }

    /** Puts the parameters of {@link #INSERT} into {@code into}, by name. */
    void params(Map<String, Object> into) {
        Object[] values = columns();
        for (int i = 0; i < NAMES.length; i++) {
            into.put(NAMES[i], values[i]);
        }
    }

    /** Puts the parameters of {@link #INSERT_POSITIONAL} into {@code into} from {@code at}. */
    void values(Object[] into, int at) {
        System.arraycopy(columns(), 0, into, at, PARAMS);
    }
}
