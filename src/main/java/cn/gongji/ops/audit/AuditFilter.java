package cn.gongji.ops.audit;

import cn.gongji.web.AdminTokenFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes the audit log for {@code /api/admin/**} and the console's forms ({@code /console/**}, the same
 * class placed in the console's security chain after the sign-in, so that refusals by role are seen and the
 * actor is the signed-in member of staff): every call that can change something (any method
 * but GET/HEAD/OPTIONS) and every read of persons ({@code /api/admin/persons...}: a person's
 * record, account, statement, accumulators, or a search), refused ones included (status 401/403
 * are what an intrusion looks like). Runs outside the token check so refusals are seen too. The
 * response is held back until the row is written (in its own transaction), so a caller never sees
 * an answer whose audit entry is not there yet; a failure to write it is logged as an error (the
 * call itself has happened by then — see docs/security.md).
 */
public class AuditFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Pattern PERSON = Pattern.compile("^/(?:api/admin|console)/persons/([^/]+)");

    /**
     * A request attribute a handler sets to the person its change concerned when the path does not name
     * them (a console review of a warning about the person).
     */
    public static final String PSN_NO = AuditFilter.class.getName() + ".psnNo";

    private final AuditLog audit;

    public AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        String kind = kind(req.getMethod(), path);
        if (kind == null) {
            chain.doFilter(req, res);
            return;
        }
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(res);
        int status = 500;
        try {
            chain.doFilter(req, held);
            status = held.getStatus();
        } finally {
            try {
                Matcher m = PERSON.matcher(path);
                String psnNo = req.getAttribute(PSN_NO) instanceof String named ? named : m.find() ? m.group(1) : null;
                audit.record(new AuditLog.Entry(kind, actor(req), req.getRemoteAddr(), req.getMethod(), path,
                        req.getQueryString(), psnNo, status));
            } catch (RuntimeException e) {
                log.error("audit log entry not written for {} {}", req.getMethod(), path, e);
            }
            held.copyBodyToResponse();
        }
    }

    static String kind(String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (path.startsWith("/console/")) {
            // the console's forms; its reads of persons are written by the pages that show them (ConsoleAudit)
            return read ? null : "change";
        }
        if (!path.startsWith("/api/admin/")) {
            return null;
        }
        if (!read) {
            return "change";
        }
        return path.startsWith("/api/admin/persons") ? "read" : null;
    }

    /**
     * Who called, as the token check found it ({@code staff:<user>} for a personal API token,
     * {@code admin-token} for the shared one); a console sign-in when there is one; else
     * {@code anonymous} (no or an unknown token: the call was refused with 401).
     */
    static String actor(HttpServletRequest req) {
        if (req.getAttribute(AdminTokenFilter.ACTOR) instanceof String actor) {
            return actor;
        }
        if (req.getUserPrincipal() != null) {
            return "staff:" + req.getUserPrincipal().getName();
        }
        return "anonymous";
    }
}
