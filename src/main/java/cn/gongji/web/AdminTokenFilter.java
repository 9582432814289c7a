package cn.gongji.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Guards {@code /api/admin/**}: {@code Authorization: Bearer <gongji.admin-token>}, compared in
 * constant time. With no token configured every call is refused, so a forgotten setting never opens
 * the agency API.
 */
public class AdminTokenFilter extends OncePerRequestFilter {

    private final byte[] token;
    private final ObjectMapper json;

    public AdminTokenFilter(String token, ObjectMapper json) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        if (authorized(req.getHeader("Authorization"))) {
            chain.doFilter(req, res);
            return;
        }
        res.setStatus(HttpStatus.UNAUTHORIZED.value());
        res.setHeader("WWW-Authenticate", "Bearer realm=\"gongji-agency\"");
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        res.setCharacterEncoding("UTF-8");
        json.writeValue(res.getOutputStream(), AgencyProblemAdvice.body(HttpStatus.UNAUTHORIZED, "unauthorized",
                "未授权 / Unauthorized",
                "需要有效的 Authorization: Bearer 令牌 / A valid Authorization: Bearer token is required", List.of()));
    }

    boolean authorized(String header) {
        if (token == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }
}
