package cn.gongji.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Guards {@code /api/admin/**} with {@code Authorization: Bearer <token>}, where the token is
 * <ul>
 *   <li>a staff member's personal API token (made in the console, {@link StaffCredentials}): the
 *       call is theirs and their role decides what it may do ({@link AgencyRoles}, else 403);</li>
 *   <li>or the shared {@code gongji.admin-token} (bootstrap and automation; role admin), compared
 *       in constant time. Unset, it opens nothing: with no staff token either, every call is 401.</li>
 * </ul>
 * Who called is left in the request attribute {@link #ACTOR} for the audit log.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

    /** Request attribute: {@code staff:<username>} or {@code admin-token}, set once the caller is known. */
    public static final String ACTOR = "gongji.agency.actor";

    /** Request attribute: the caller's role ({@code admin} for the admin token), for what a read may show. */
    public static final String ROLE = "gongji.agency.role";

    private final byte[] token;
    private final StaffCredentials staff;
    private final ObjectMapper json;

    public AdminTokenFilter(String token, StaffCredentials staff, ObjectMapper json) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.staff = staff;
        this.json = json;
    }

    public AdminTokenFilter(String token, ObjectMapper json) {
        this(token, null, json);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        Optional<StaffCredentials.Caller> caller = caller(req.getHeader("Authorization"));
        if (caller.isEmpty()) {
            res.setHeader("WWW-Authenticate", "Bearer realm=\"gongji-agency\"");
            problem(res, HttpStatus.UNAUTHORIZED, "unauthorized", "未授权 / Unauthorized",
                    "需要有效的 Authorization: Bearer 令牌（个人 API 令牌或管理令牌） / A valid Authorization: Bearer token "
                            + "(a personal API token or the admin token) is required");
            return;
        }
        StaffCredentials.Caller c = caller.get();
        req.setAttribute(ACTOR, c.actor());
        req.setAttribute(ROLE, c.role());
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (!AgencyRoles.allowed(c.role(), req.getMethod(), path)) {
            problem(res, HttpStatus.FORBIDDEN, "forbidden", "无权限 / Forbidden",
                    "角色 " + c.role() + " 不能调用 " + req.getMethod() + " " + path + " / role " + c.role()
                            + " may not call " + req.getMethod() + " " + path);
            return;
        }
        chain.doFilter(req, res);
    }

    Optional<StaffCredentials.Caller> caller(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String given = header.substring(7).strip();
        if (token != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return Optional.of(new StaffCredentials.Caller("admin-token", "admin"));
        }
        return staff == null || given.isEmpty() ? Optional.empty() : staff.byToken(given);
    }

    boolean authorized(String header) {
        return caller(header).isPresent();
    }

    private void problem(HttpServletResponse res, HttpStatus status, String type, String title, String detail)
            throws IOException {
        res.setStatus(status.value());
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        json.writeValue(res.getOutputStream(), AgencyProblemAdvice.body(status, type, title, detail, List.of()));
    }
}
