package cn.gongji.settlement;

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

    /** The values of {@link #INSERT_INTO}, as parameters. */
    static final String VALUES = ":ansInst, :ansMsgid, :ansInfno, :ansHash, :ansPsn, :ansResponse";

    static final String INSERT = INSERT_INTO + "\nvalues (" + VALUES + ")";

    /** Binds the parameters of {@link #INSERT} (the names a statement uses for this answer). */
    JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement.param("ansInst", fixmedinsCode).param("ansMsgid", msgid).param("ansInfno", infno)
                .param("ansHash", bodySha256).param("ansPsn", psnNo).param("ansResponse", response);
    }
}
