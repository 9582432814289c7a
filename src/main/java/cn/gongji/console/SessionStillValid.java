package cn.gongji.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session whose account changed since: a staff account deactivated, or a password
 * (staff or insured) set anew. Each request of a signed-in session reads the account's current
 * credential (one indexed row); the session remembers a digest of the one it first saw. When the
 * account is gone or inactive, or the digest differs, the session is invalidated and the person is
 * sent to the sign-in page (JSON endpoints: 401). Without this a deactivated staff member kept
 * working until the session expired (security review).
 */
final class SessionStillValid extends OncePerRequestFilter {

    private final Function<String, Optional<String>> credential;
    private final String attribute;
    private final String loginPage;
    private final String apiPrefix;

    /**
     * @param credential the signed-in name's current password hash, empty when the account is gone or inactive
     * @param attribute  the session attribute holding the digest first seen
     */
    SessionStillValid(Function<String, Optional<String>> credential, String attribute, String loginPage, String apiPrefix) {
        this.credential = credential;
        this.attribute = attribute;
        this.loginPage = loginPage;
        this.apiPrefix = apiPrefix;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = req.getSession(false);
        if (a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken) && session != null) {
            String now = credential.apply(a.getName()).map(SessionStillValid::digest).orElse(null);
            Object seen = session.getAttribute(attribute);
            if (now == null || (seen != null && !seen.equals(now))) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                String path = req.getRequestURI().substring(req.getContextPath().length());
                if (path.startsWith(apiPrefix)) {
                    res.sendError(HttpStatus.UNAUTHORIZED.value());
                } else {
                    res.sendRedirect(req.getContextPath() + loginPage + "?expired");
                }
                return;
            }
            if (seen == null) {
                session.setAttribute(attribute, now);
            }
        }
        chain.doFilter(req, res);
    }

    private static String digest(String hash) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
