package cn.gongji.ops.audit;

import cn.gongji.ops.pii.Pii;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The append-only audit log (table {@code audit_log}, V009: a trigger refuses UPDATE, DELETE and
 * TRUNCATE whoever asks). ID and mobile numbers in a query string are stored masked: the log says
 * that someone looked a person up, it does not become a second copy of the registry.
 */
@Component
public class AuditLog {

    public record Entry(String kind, String actor, String remoteAddr, String method, String path, String query,
            String psnNo, int status) {}

    private final JdbcClient db;

    public AuditLog(JdbcClient db) {
        this.db = db;
    }

    public void record(Entry e) {
        db.sql("""
                insert into audit_log (kind, actor, remote_addr, method, path, query, psn_no, status)
                values (:kind, :actor, :addr, :method, :path, :query, :psn, :status)
                """).param("kind", e.kind()).param("actor", e.actor()).param("addr", e.remoteAddr())
                .param("method", e.method()).param("path", Pii.text(e.path())).param("query", Pii.text(e.query()))
                .param("psn", e.psnNo()).param("status", e.status()).update();
    }
}
