package cn.gongji.settlement.his;

import cn.gongji.store.TailCommit;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The his_message table: the stored answer of every successful state-changing message. */
@Component
public class HisMessages {

    /** Body hash of a msgid reversed (2601) before it ever arrived: no real body hashes to this. */
    static final String REVERSED_UNSEEN = "reversed-before-seen";

    public record Stored(String infno, String bodySha256, String psnNo, String response, OffsetDateTime reversedAt) {}

    private final JdbcClient db;
    private final TailCommit tail;

    public HisMessages(JdbcClient db, TailCommit tail) {
        this.db = db;
        this.tail = tail;
    }

    public Optional<Stored> find(String fixmedinsCode, String msgid) {
        return db.sql("""
                select infno, body_sha256, psn_no, response, reversed_at from his_message
                where fixmedins_code = :i and msgid = :m
                """).param("i", fixmedinsCode).param("m", msgid)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .optional();
    }

    /**
     * Stores a message's answer: the last statement of its transaction, which it commits in the same
     * round trip when the transaction allows it ({@link TailCommit}).
     */
    public void insert(String fixmedinsCode, String msgid, String infno, String bodySha256, String psnNo, String response) {
        Map<String, Object> params = new HashMap<>();
        params.put("i", fixmedinsCode);
        params.put("m", msgid);
        params.put("n", infno);
        params.put("h", bodySha256);
        params.put("p", psnNo);
        params.put("r", response);
        tail.update("""
                insert into his_message (fixmedins_code, msgid, infno, body_sha256, psn_no, response)
                values (:i, :m, :n, :h, :p, :r)""", params);
    }

    /** 2601 of a msgid never seen: remembered as reversed, so the late original is refused. */
    public void insertReversedUnseen(String fixmedinsCode, String msgid, String infno, String psnNo, OffsetDateTime at) {
        db.sql("""
                insert into his_message (fixmedins_code, msgid, infno, body_sha256, psn_no, response, reversed_at)
                values (:i, :m, :n, :h, :p, '', :at)
                """).param("i", fixmedinsCode).param("m", msgid).param("n", infno).param("h", REVERSED_UNSEEN)
                .param("p", psnNo).param("at", at).update();
    }

    public void markReversed(String fixmedinsCode, String msgid, OffsetDateTime at) {
        db.sql("update his_message set reversed_at = :at where fixmedins_code = :i and msgid = :m")
                .param("at", at).param("i", fixmedinsCode).param("m", msgid).update();
    }
}
