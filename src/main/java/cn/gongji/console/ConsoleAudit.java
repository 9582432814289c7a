package cn.gongji.console;

import cn.gongji.ops.audit.AuditFilter;
import cn.gongji.ops.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The console's entries in the append-only audit log ({@code ops/audit/AuditLog}, docs/security.md):
 * a member of staff reading a person's record (the person page, a warning about the person, a
 * statement export). Every change made from the console (a form posted) is written by the
 * {@code AuditFilter} in the console's security chain ({@code ConsoleSecurity}). Actor {@code staff:<user>}, like the
 * agency API's entries for a signed-in user. A failure to write is logged, never shown to the reader.
 */
@Component
public class ConsoleAudit {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAudit.class);

    private final AuditLog audit;

    public ConsoleAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** A read of a person's record ({@code psnNo} may be null for a read of many persons' rows). */
    public void read(HttpServletRequest req, String psnNo) {
        write("read", req, psnNo, 200);
    }

    /**
     * Names the person a console change concerned, for the change's entry, which the console's
     * {@code AuditFilter} writes for every form posted (whatever its outcome).
     */
    public void aboutPerson(HttpServletRequest req, String psnNo) {
        req.setAttribute(AuditFilter.PSN_NO, psnNo);
    }

    private void write(String kind, HttpServletRequest req, String psnNo, int status) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        try {
            audit.record(new AuditLog.Entry(kind, "staff:" + req.getRemoteUser(), req.getRemoteAddr(), req.getMethod(), path,
                    req.getQueryString(), psnNo, status));
        } catch (RuntimeException e) {
            log.error("audit log entry not written for {} {}", req.getMethod(), path, e);
        }
    }
}
