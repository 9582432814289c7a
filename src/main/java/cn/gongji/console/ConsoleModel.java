package cn.gongji.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout needs: who is signed in, which navigation entries their role
 * may use (the server enforces the same rules in {@link ConsoleSecurity}; hiding a link is only
 * politeness), and the path for the language switch.
 */
@ControllerAdvice(basePackages = "cn.gongji.console")
class ConsoleModel {

    public record Viewer(String name, Set<String> roles) {
        public boolean is(String... any) {
            for (String r : any) {
                if (roles.contains(r)) {
                    return true;
                }
            }
            return false;
        }

        public String role() {
            return roles.stream().findFirst().orElse("");
        }

        public boolean persons() {
            return is("operator", "auditor", "admin");
        }

        public boolean operate() {
            return is("operator", "admin");
        }

        /** The warnings queue: auditor and admin review, finance reads (recoveries land on statements). */
        public boolean warnings() {
            return is("auditor", "finance", "admin");
        }

        public boolean review() {
            return is("auditor", "admin");
        }

        /** Statement exports (CSV / xlsx). */
        public boolean exports() {
            return is("finance", "admin");
        }

        public boolean credits() {
            return is("finance", "admin");
        }

        public boolean admin() {
            return is("admin");
        }
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        return current();
    }

    /** Who is signed in (also for the error pages, which model attributes do not reach). */
    static Viewer current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated()) {
            return new Viewer("", Set.of());
        }
        Set<String> roles = a.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(s -> s.startsWith("ROLE_")).map(s -> s.substring(5).toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.toSet());
        return new Viewer(a.getName(), roles);
    }

    /**
     * The page the language switch reloads: the path with its query less any {@code lang}, so a
     * filter (warnings queue) or a search is kept when the reader changes the language.
     */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest req) {
        String query = req.getQueryString();
        if (query == null || query.isEmpty()) {
            return path(req);
        }
        String kept = java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.isEmpty() && !p.equals("lang") && !p.startsWith("lang="))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? path(req) : path(req) + "?" + kept;
    }

    static String path(HttpServletRequest req) {
        return req.getRequestURI().substring(req.getContextPath().length());
    }
}
