package cn.gongji.web;

import java.util.List;
import java.util.Set;

/**
 * Which role may make which agency-API call (docs/agency-api.md, "Roles"). Reads (GET/HEAD) are
 * open to every role (person reads are audited); a change needs a role listed for its path; a
 * change nothing below lists is for admin only, so a new endpoint is closed until it is placed here.
 * The first rule whose method and path prefix match decides.
 */
public final class AgencyRoles {

    private AgencyRoles() {}

    private record Rule(String pathPrefix, String pathSuffix, Set<String> roles) {
        boolean matches(String path) {
            return path.startsWith(pathPrefix) && (pathSuffix == null || containsSegment(path, pathSuffix));
        }

        private static boolean containsSegment(String path, String segment) {
            return path.contains("/" + segment + "/") || path.endsWith("/" + segment);
        }
    }

    private static final Set<String> FINANCE = Set.of("finance", "admin");
    private static final Set<String> OPERATOR = Set.of("operator", "admin");
    private static final Set<String> AUDITOR = Set.of("auditor", "admin");
    private static final Set<String> ADMIN = Set.of("admin");

    private static final List<Rule> CHANGES = List.of(
            // money on a person's account: contributions, transfers, payouts, corrections
            new Rule("/api/admin/persons/", "account", FINANCE),
            // persons, status changes, family bindings, off-site registrations, insurance status
            new Rule("/api/admin/persons", null, OPERATOR),
            new Rule("/api/admin/accounts/credits", null, FINANCE),
            new Rule("/api/admin/clearing/", null, FINANCE),
            // the review of warnings, scans, indicator runs, death records
            new Rule("/api/admin/supervision/warnings/", null, AUDITOR),
            new Rule("/api/admin/supervision/scans", null, AUDITOR),
            new Rule("/api/admin/supervision/indicators", null, AUDITOR),
            new Rule("/api/admin/supervision/deaths", null, AUDITOR),
            // rule parameters, item levels, institutions and their secrets, the catalog: admin (the default)
            new Rule("/api/admin/", null, ADMIN));

    public static boolean allowed(String role, String method, String path) {
        if (role == null || !Set.of("operator", "auditor", "finance", "admin").contains(role)) {
            return false;
        }
        if (role.equals("admin")) {
            return true;
        }
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        for (Rule r : CHANGES) {
            if (r.matches(path)) {
                return r.roles().contains(role);
            }
        }
        return false;
    }
}
