package cn.gongji.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who an agency API call acts as, for the records it writes (ledger entries, review events,
 * recoveries, agreements). A personal API token names its staff member ({@code staff:<username>},
 * set by {@link AdminTokenFilter}): that is the actor, and an {@code X-Operator} header cannot
 * change it. The shared admin token names nobody, so there the header is the operator's own
 * statement, kept after the module's prefix ({@code agency-api:<name>}).
 */
public final class Actors {

    private static final int MAX_OPERATOR = 100;

    private Actors() {}

    /** The actor of the current request; {@code prefix} (e.g. {@code agency-api}) for the admin token. */
    public static String of(String prefix, String operator) {
        if (authenticated() instanceof String a && a.startsWith("staff:")) {
            return a;
        }
        if (operator == null || operator.isBlank()) {
            return prefix;
        }
        String op = operator.strip();
        return prefix + ":" + (op.length() > MAX_OPERATOR ? op.substring(0, MAX_OPERATOR) : op);
    }

    private static Object authenticated() {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs instanceof ServletRequestAttributes s) {
            HttpServletRequest req = s.getRequest();
            return req.getAttribute(AdminTokenFilter.ACTOR);
        }
        return null;
    }
}
